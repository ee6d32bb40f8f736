import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database, StaffRole, StaffUserRow } from '../db/schema.ts'

export interface StaffUser {
  id: string
  email: string
  displayName: string
  role: StaffRole
  municipalityId: string
  schoolId: string | null
  disabled: boolean
  createdAt: string
}

export function toStaffUser(row: StaffUserRow): StaffUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    municipalityId: row.municipality_id,
    schoolId: row.school_id,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
  }
}

export interface NewStaffUser {
  email: string
  displayName: string
  passwordHash: string
  role: StaffRole
  municipalityId: string
  schoolId: string | null
}

export async function insertStaffUser(
  db: Kysely<Database>,
  user: NewStaffUser,
  now: Date,
): Promise<StaffUser> {
  const row = await db
    .insertInto('staff_users')
    .values({
      id: randomUUID(),
      email: user.email.toLowerCase(),
      display_name: user.displayName,
      password_hash: user.passwordHash,
      role: user.role,
      municipality_id: user.municipalityId,
      school_id: user.schoolId,
      disabled: 0,
      created_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toStaffUser(row)
}

export async function findStaffUserByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<StaffUserRow | undefined> {
  return db
    .selectFrom('staff_users')
    .selectAll()
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst()
}

export async function listStaffUsers(
  db: Kysely<Database>,
  municipalityId: string,
): Promise<StaffUser[]> {
  const rows = await db
    .selectFrom('staff_users')
    .selectAll()
    .where('municipality_id', '=', municipalityId)
    .orderBy('email')
    .execute()
  return rows.map(toStaffUser)
}

export async function countAdmins(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('staff_users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function findStaffUser(
  db: Kysely<Database>,
  municipalityId: string,
  id: string,
): Promise<StaffUser | undefined> {
  const row = await db
    .selectFrom('staff_users')
    .selectAll()
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', id)
    .executeTakeFirst()
  return row && toStaffUser(row)
}

export interface StaffUserChanges {
  displayName?: string
  role?: StaffRole
  schoolId?: string | null
  disabled?: boolean
  passwordHash?: string
}

export async function updateStaffUser(
  db: Kysely<Database>,
  municipalityId: string,
  id: string,
  changes: StaffUserChanges,
): Promise<StaffUser | undefined> {
  const row = await db
    .updateTable('staff_users')
    .set({
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.schoolId !== undefined ? { school_id: changes.schoolId } : {}),
      ...(changes.disabled !== undefined ? { disabled: changes.disabled ? 1 : 0 } : {}),
      ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
    })
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
  return row && toStaffUser(row)
}

/** Administrators of a municipality who can still sign in. */
export async function countActiveAdmins(
  db: Kysely<Database>,
  municipalityId: string,
): Promise<number> {
  const row = await db
    .selectFrom('staff_users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('municipality_id', '=', municipalityId)
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Signs a user out everywhere (after being disabled, demoted or given a new password). */
export async function endSessionsOf(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('user_id', '=', userId).execute()
}
