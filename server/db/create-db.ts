import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import pg from 'pg'
import type { DatabaseConfig } from '../config.ts'
import type { Database } from './schema.ts'

export type Dialect = DatabaseConfig['dialect']

export interface Db {
  kysely: Kysely<Database>
  dialect: Dialect
  /** PostgreSQL only: the schema the connection uses, when one was given. */
  schema?: string
  close(): Promise<void>
}

export interface CreateDbOptions {
  /** PostgreSQL only: a schema to create and use (tests give each suite its own). */
  pgSchema?: string
  /** PostgreSQL only: connection pool size. */
  poolSize?: number
}

// PostgreSQL returns COUNT(*) and BIGINT as strings; counts here always fit a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))

/**
 * Opens the database. This is the one place that names a dialect; everything else is
 * dialect-neutral Kysely.
 */
export async function createDb(config: DatabaseConfig, options: CreateDbOptions = {}): Promise<Db> {
  if (config.dialect === 'sqlite') {
    if (config.filename !== ':memory:') mkdirSync(dirname(config.filename), { recursive: true })
    const sqlite = new SQLite(config.filename)
    configureSqlite(sqlite)
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
    return { kysely, dialect: 'sqlite', close: () => kysely.destroy() }
  }

  const schema = options.pgSchema
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`invalid PostgreSQL schema name "${schema}"`)
  }
  if (schema !== undefined) {
    const setup = new pg.Client({ connectionString: config.connectionString })
    await setup.connect()
    try {
      // "if not exists" still races between two instances; an advisory lock serialises them.
      await setup.query('begin')
      await setup.query("select pg_advisory_xact_lock(hashtext('trivselsradar:create-schema'))")
      await setup.query(`create schema if not exists ${schema}`)
      await setup.query('commit')
    } finally {
      await setup.end()
    }
  }
  const pool = new pg.Pool({
    connectionString: config.connectionString,
    max: options.poolSize ?? 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  })
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return {
    kysely,
    dialect: 'postgres',
    ...(schema === undefined ? {} : { schema }),
    close: () => kysely.destroy(),
  }
}

/** Wraps an already open better-sqlite3 handle (tests copy a migrated template per test). */
export function wrapSqlite(sqlite: SQLite.Database): Db {
  configureSqlite(sqlite)
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  return { kysely, dialect: 'sqlite', close: () => kysely.destroy() }
}

function configureSqlite(sqlite: SQLite.Database): void {
  // WAL lets readers (analysts) work while pupils' answers are written.
  if (sqlite.name !== ':memory:' && !sqlite.memory) sqlite.pragma('journal_mode = WAL')
  // synchronous=FULL: an acknowledged answer must survive power loss, not only a crash.
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  // Several writers (thirty classes at once) wait their turn instead of failing.
  sqlite.pragma('busy_timeout = 5000')
}
