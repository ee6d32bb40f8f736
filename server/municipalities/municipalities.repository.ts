import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database, Municipality } from '../db/schema.ts'

export async function insertMunicipality(
  db: Kysely<Database>,
  name: string,
  now: Date,
): Promise<Municipality> {
  return db
    .insertInto('municipalities')
    .values({ id: randomUUID(), name, created_at: now.toISOString() })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function findMunicipalityByName(
  db: Kysely<Database>,
  name: string,
): Promise<Municipality | undefined> {
  return db.selectFrom('municipalities').selectAll().where('name', '=', name).executeTakeFirst()
}

export async function findMunicipality(
  db: Kysely<Database>,
  id: string,
): Promise<Municipality | undefined> {
  return db.selectFrom('municipalities').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function countMunicipalities(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('municipalities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
