import type { StaffPrincipal } from './app-env.ts'
import { notFound } from './errors.ts'

/**
 * A school-level user only sees their own school; asking for another school answers 404, as if
 * it did not exist, so ids of other schools reveal nothing.
 */
export function assertSchoolVisible(staff: StaffPrincipal, schoolId: string): void {
  if (staff.role === 'school' && staff.schoolId !== schoolId) throw notFound('School')
}

/** The school filter a listing must apply for this staff member (undefined = whole municipality). */
export const schoolScope = (staff: StaffPrincipal): string | undefined =>
  staff.role === 'school' ? (staff.schoolId ?? '(none)') : undefined
