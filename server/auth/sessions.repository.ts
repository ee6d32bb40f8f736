import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database, StaffRole } from '../db/schema.ts'

export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('base64url')

/** Starts a session; returns the token for the cookie (only its hash is stored). */
export async function createSession(
  db: Kysely<Database>,
  userId: string,
  now: Date,
  lifetimeMinutes: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + lifetimeMinutes * 60_000)
  await db
    .insertInto('staff_sessions')
    .values({
      id_hash: hashToken(token),
      user_id: userId,
      csrf_token: randomBytes(24).toString('base64url'),
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
    })
    .execute()
  return { token, expiresAt }
}

export interface SessionUser {
  id: string
  email: string
  display_name: string
  role: StaffRole
  municipality_id: string
  school_id: string | null
  csrf_token: string
}

/** The user behind a live session token, or undefined when unknown, expired or disabled. */
export async function findSessionUser(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<SessionUser | undefined> {
  return db
    .selectFrom('staff_sessions')
    .innerJoin('staff_users', 'staff_users.id', 'staff_sessions.user_id')
    .select([
      'staff_users.id',
      'staff_users.email',
      'staff_users.display_name',
      'staff_users.role',
      'staff_users.municipality_id',
      'staff_users.school_id',
      'staff_sessions.csrf_token',
    ])
    .where('staff_sessions.id_hash', '=', hashToken(token))
    .where('staff_sessions.expires_at', '>', now.toISOString())
    .where('staff_users.disabled', '=', 0)
    .executeTakeFirst()
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('id_hash', '=', hashToken(token)).execute()
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('staff_sessions')
    .where('expires_at', '<=', now.toISOString())
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
