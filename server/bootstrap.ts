import type { Kysely } from 'kysely'
import { hashPassword } from './auth/password.ts'
import type { Database } from './db/schema.ts'
import { migrateToLatest } from './db/migrate.ts'
import { readDefinitionSources } from './definitions/definition-files.ts'
import { storeDefinitions } from './definitions/definitions.loader.ts'
import type { DefinitionSummary } from './definitions/definitions.repository.ts'
import {
  findMunicipalityByName,
  insertMunicipality,
} from './municipalities/municipalities.repository.ts'
import { findStaffUserByEmail, insertStaffUser } from './staff-users/staff-users.repository.ts'

export interface BootstrapResult {
  migrated: string[]
  definitions: Array<{ definition: DefinitionSummary; created: boolean }>
  adminCreated: boolean
}

/**
 * Everything a start needs before the app listens: migrations, questionnaire versions from
 * `definitionsRoot`, and the first administrator. Every step is safe to repeat.
 */
export async function bootstrap(
  db: Kysely<Database>,
  options: {
    now: Date
    definitionsRoot: string
    admin?: { email: string; password: string; municipality: string } | undefined
  },
): Promise<BootstrapResult> {
  const migrated = await migrateToLatest(db)
  const definitions = await storeDefinitions(
    db,
    readDefinitionSources(options.definitionsRoot),
    options.now,
  )
  let adminCreated = false
  if (options.admin && !(await findStaffUserByEmail(db, options.admin.email))) {
    const { email, password, municipality: name } = options.admin
    const passwordHash = await hashPassword(password)
    await db.transaction().execute(async (trx) => {
      const municipality =
        (await findMunicipalityByName(trx, name)) ??
        (await insertMunicipality(trx, name, options.now))
      await insertStaffUser(
        trx,
        {
          email,
          displayName: 'Administrator',
          passwordHash,
          role: 'admin',
          municipalityId: municipality.id,
          schoolId: null,
        },
        options.now,
      )
    })
    adminCreated = true
  }
  return { migrated, definitions, adminCreated }
}
