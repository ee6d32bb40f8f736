import { createHash } from 'node:crypto'
import type { AppDeps } from '../app-env.ts'
import { recordAudit } from '../audit/audit-log.repository.ts'
import { AppError } from '../errors.ts'
import { findStaffUserByEmail } from '../staff-users/staff-users.repository.ts'
import { verifyAgainstDummy, verifyPassword } from './password.ts'
import { countEvent, currentCount, resetCount } from './rate-limit.repository.ts'
import { createSession } from './sessions.repository.ts'

/** Failed attempts allowed per email address inside one window before it is locked. */
export const MAX_FAILED_LOGINS = 5
/** Attempts allowed per client (hashed address) inside one window, whatever the email. */
export const MAX_LOGINS_PER_CLIENT = 30
export const LOGIN_WINDOW_MS = 15 * 60_000

const keyFor = (kind: string, value: string): string =>
  `login:${kind}:${createHash('sha256').update(value).digest('base64url')}`

const wrongCredentials = (): AppError =>
  new AppError(401, 'invalid_credentials', 'The email or password is not correct.')

function lockedOut(windowStartedAt: string, now: Date): AppError {
  const retryAt = new Date(windowStartedAt).getTime() + LOGIN_WINDOW_MS
  const minutes = Math.max(1, Math.ceil((retryAt - now.getTime()) / 60_000))
  return new AppError(
    429,
    'rate_limited',
    `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask an administrator.`,
    { retryAfterSeconds: Math.ceil((retryAt - now.getTime()) / 1000) },
  )
}

/**
 * Checks an email and password and starts a session. The answer never reveals whether the
 * email exists: unknown emails cost the same time and get the same message and lock-out.
 */
export async function login(
  deps: AppDeps,
  input: { email: string; password: string; client: string },
): Promise<{ token: string; expiresAt: Date; userId: string }> {
  const now = deps.clock.now()
  const email = input.email.trim().toLowerCase()
  const emailKey = keyFor('email', email)
  const clientKey = keyFor('client', input.client)

  const clientCount = await countEvent(deps.db, clientKey, now, LOGIN_WINDOW_MS)
  if (clientCount.count > MAX_LOGINS_PER_CLIENT) throw lockedOut(clientCount.windowStartedAt, now)
  const failures = await currentCount(deps.db, emailKey, now, LOGIN_WINDOW_MS)
  if (failures !== undefined && failures.count >= MAX_FAILED_LOGINS) {
    throw lockedOut(failures.windowStartedAt, now)
  }

  const user = await findStaffUserByEmail(deps.db, email)
  const valid =
    user === undefined || user.disabled === 1
      ? await verifyAgainstDummy(input.password)
      : await verifyPassword(input.password, user.password_hash)
  if (!valid || user === undefined) {
    const after = await countEvent(deps.db, emailKey, now, LOGIN_WINDOW_MS)
    if (after.count >= MAX_FAILED_LOGINS) {
      if (user) {
        await recordAudit(
          deps.db,
          {
            userId: user.id,
            municipalityId: user.municipality_id,
            action: 'login.locked',
            entityType: 'staff_user',
            entityId: user.id,
          },
          now,
        )
      }
      throw lockedOut(after.windowStartedAt, now)
    }
    throw wrongCredentials()
  }

  await resetCount(deps.db, emailKey)
  const session = await createSession(deps.db, user.id, now, deps.config.sessionMinutes)
  await recordAudit(
    deps.db,
    {
      userId: user.id,
      municipalityId: user.municipality_id,
      action: 'login',
      entityType: 'staff_user',
      entityId: user.id,
    },
    now,
  )
  return { ...session, userId: user.id }
}
