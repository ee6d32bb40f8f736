import { Migrator } from 'kysely'
import type { Kysely } from 'kysely'
import { migrations } from './migrations/index.ts'

/**
 * Brings the schema up to date. Safe when several instances start at once: Kysely's migrator
 * takes a lock (a PostgreSQL advisory lock; SQLite serialises writers) and skips what already ran.
 */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its migration tables in every schema unless told which: with several
    // schemas in one database it would find another schema's lock table and fail.
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((result) => result.status === 'Error')
  if (error !== undefined || failed !== undefined) {
    const name = failed?.migrationName ?? 'unknown'
    throw new Error(
      `migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    )
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
