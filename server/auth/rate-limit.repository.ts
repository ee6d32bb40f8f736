import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'

export interface RateWindow {
  count: number
  windowStartedAt: string
}

/**
 * Counts one event for `key` in a fixed window, atomically in the database so every server
 * instance shares the count. Returns the count including this event.
 */
export async function countEvent(
  db: Kysely<Database>,
  key: string,
  now: Date,
  windowMs: number,
): Promise<RateWindow> {
  const nowIso = now.toISOString()
  const cutoff = new Date(now.getTime() - windowMs).toISOString()
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_started_at: nowIso, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        count: eb
          .case()
          .when('rate_limits.window_started_at', '<', cutoff)
          .then(1)
          .else(eb('rate_limits.count', '+', 1))
          .end(),
        window_started_at: eb
          .case()
          .when('rate_limits.window_started_at', '<', cutoff)
          .then(nowIso)
          .else(eb.ref('rate_limits.window_started_at'))
          .end(),
      })),
    )
    .returning(['count', 'window_started_at'])
    .executeTakeFirstOrThrow()
  return { count: Number(row.count), windowStartedAt: row.window_started_at }
}

/** The current count for `key`, or 0 when its window has passed. */
export async function currentCount(
  db: Kysely<Database>,
  key: string,
  now: Date,
  windowMs: number,
): Promise<RateWindow | undefined> {
  const row = await db
    .selectFrom('rate_limits')
    .select(['count', 'window_started_at'])
    .where('key', '=', key)
    .executeTakeFirst()
  if (row === undefined) return undefined
  if (row.window_started_at < new Date(now.getTime() - windowMs).toISOString()) return undefined
  return { count: Number(row.count), windowStartedAt: row.window_started_at }
}

export async function resetCount(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute()
}
