import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'

/**
 * The municipality's pseudonym key, created on first use. Two exports racing to create it both
 * read back the one row that won.
 */
export async function exportKey(
  db: Kysely<Database>,
  municipalityId: string,
  now: Date,
): Promise<string> {
  const find = () =>
    db
      .selectFrom('export_keys')
      .select('secret')
      .where('municipality_id', '=', municipalityId)
      .executeTakeFirst()
  const existing = await find()
  if (existing) return existing.secret
  await db
    .insertInto('export_keys')
    .values({
      municipality_id: municipalityId,
      secret: randomBytes(32).toString('hex'),
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('municipality_id').doNothing())
    .execute()
  return (await find())!.secret
}
