import { z } from '@hono/zod-openapi'

/** A Danish school year such as "2025/26": August to June, the second year one after the first. */
export const SchoolYearSchema = z
  .string()
  .regex(/^\d{4}\/\d{2}$/, 'must look like 2025/26')
  .refine((value) => {
    const first = Number(value.slice(0, 4))
    return (first + 1) % 100 === Number(value.slice(5))
  }, 'the second year must follow the first, e.g. 2025/26')

/** The school year a date falls in (a new school year starts on 1 August). */
export function schoolYearOf(date: Date): string {
  const year = date.getUTCFullYear()
  const first = date.getUTCMonth() >= 7 ? year : year - 1
  return `${first}/${String((first + 1) % 100).padStart(2, '0')}`
}
