import type { Kysely } from 'kysely'
import type { Clock } from './clock.ts'
import type { Config } from './config.ts'
import type { Dialect } from './db/create-db.ts'
import type { Database, StaffRole } from './db/schema.ts'

/** What every route may use; built once by `createApp` and passed to each sub-app. */
export interface AppDeps {
  db: Kysely<Database>
  dialect: Dialect
  clock: Clock
  config: Pick<Config, 'minGroupSize' | 'publicUrl' | 'sessionMinutes'>
}

/** The signed-in staff member, loaded from the session on every request. */
export interface StaffPrincipal {
  id: string
  email: string
  displayName: string
  role: StaffRole
  municipalityId: string
  schoolId: string | null
  csrfToken: string
}

export interface AppEnv {
  Variables: {
    staff: StaffPrincipal
  }
}
