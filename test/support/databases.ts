import SQLite from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { createDb, wrapSqlite, type Db } from '../../server/db/create-db.ts'
import { migrateToLatest } from '../../server/db/migrate.ts'
import { readDefinitionSources } from '../../server/definitions/definition-files.ts'
import { storeDefinitions } from '../../server/definitions/definitions.loader.ts'

export const DEFINITIONS_ROOT = fileURLToPath(new URL('../../survey-definitions/', import.meta.url))
export const TEST_NOW = new Date('2026-11-23T09:00:00.000Z')

let template: Buffer | undefined

/**
 * A fresh SQLite database, migrated and with the shipped questionnaires loaded. The first call
 * builds a template; every later call copies it with deserialize (microseconds).
 */
export async function freshSqliteDb(options: { definitions?: boolean } = {}): Promise<Db> {
  if (options.definitions === false) {
    const db = wrapSqlite(new SQLite(':memory:'))
    await migrateToLatest(db.kysely)
    return db
  }
  if (template === undefined) {
    const sqlite = new SQLite(':memory:')
    const db = wrapSqlite(sqlite)
    await migrateToLatest(db.kysely)
    await storeDefinitions(db.kysely, readDefinitionSources(DEFINITIONS_ROOT), TEST_NOW)
    template = sqlite.serialize()
    await db.close()
  }
  return wrapSqlite(new SQLite(template))
}

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/**
 * Whether PostgreSQL answers at TEST_DATABASE_URL. Locally a missing server skips the PostgreSQL
 * tests with the reason printed; in CI (CI=true) it is an error, so nothing passes untested.
 */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({
    connectionString: TEST_DATABASE_URL,
    connectionTimeoutMillis: 3000,
  })
  try {
    await client.connect()
    await client.query('select 1')
    return true
  } catch (error) {
    const reason = `PostgreSQL is not reachable at ${TEST_DATABASE_URL}: ${error instanceof Error ? error.message : String(error)}`
    if (process.env.CI === 'true') throw new Error(`${reason} (required in CI)`)
    console.warn(`Skipping PostgreSQL tests. ${reason}`)
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** A fresh PostgreSQL schema of its own, migrated; `close` drops it. */
export async function freshPostgresDb(options: { definitions?: boolean } = {}): Promise<Db> {
  const schema = `t_${randomBytes(6).toString('hex')}`
  const db = await createDb(
    { dialect: 'postgres', connectionString: TEST_DATABASE_URL },
    { pgSchema: schema, poolSize: 4 },
  )
  await migrateToLatest(db.kysely, schema)
  if (options.definitions !== false) {
    await storeDefinitions(db.kysely, readDefinitionSources(DEFINITIONS_ROOT), TEST_NOW)
  }
  return {
    ...db,
    close: async () => {
      await db.close()
      await dropSchema(schema)
    },
  }
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await client.connect()
  try {
    await client.query(`drop schema if exists ${schema} cascade`)
  } finally {
    await client.end()
  }
}
