import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../../server/db/create-db.ts'
import { migrateToLatest } from '../../../server/db/migrate.ts'
import { migrations } from '../../../server/db/migrations/index.ts'
import { dropSchema, postgresAvailable, TEST_DATABASE_URL } from '../../support/databases.ts'

const available = await postgresAvailable()

describe.skipIf(!available)('migrations when several instances start at once (PostgreSQL)', () => {
  it('four instances migrating one empty database together end with one schema, applied once', async () => {
    const schema = `t_${randomBytes(6).toString('hex')}`
    const instances = await Promise.all(
      Array.from({ length: 4 }, () =>
        createDb(
          { dialect: 'postgres', connectionString: TEST_DATABASE_URL },
          { pgSchema: schema, poolSize: 2 },
        ),
      ),
    )
    try {
      const applied = await Promise.all(instances.map((db) => migrateToLatest(db.kysely, schema)))
      // Each migration ran once, in one of the instances.
      expect(applied.flat().sort()).toEqual(Object.keys(migrations).sort())
      const rows = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(
        instances[0]!.kysely,
      )
      expect(Number(rows.rows[0]?.n)).toBe(Object.keys(migrations).length)
    } finally {
      await Promise.all(instances.map((db) => db.close()))
      await dropSchema(schema)
    }
  })
})
