import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../../server/db/create-db.ts'
import { migrateToLatest } from '../../../server/db/migrate.ts'
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
      const applied = await Promise.all(instances.map((db) => migrateToLatest(db.kysely)))
      expect(applied.flat()).toEqual(['2026_11_23_1500_create_foundation'])
      const rows = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(
        instances[0]!.kysely,
      )
      expect(Number(rows.rows[0]?.n)).toBe(1)
    } finally {
      await Promise.all(instances.map((db) => db.close()))
      await dropSchema(schema)
    }
  })
})
