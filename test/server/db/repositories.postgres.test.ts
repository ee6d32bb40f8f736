import { describe } from 'vitest'
import { freshPostgresDb, postgresAvailable } from '../../support/databases.ts'
import { runRepositoryTests } from './repositories.case.ts'

const available = await postgresAvailable()

describe.skipIf(!available)('repositories on PostgreSQL', () => {
  runRepositoryTests(() => freshPostgresDb())
})
