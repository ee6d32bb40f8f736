import { describe } from 'vitest'
import { freshSqliteDb } from '../../support/databases.ts'
import { runRepositoryTests } from './repositories.case.ts'

describe('repositories on SQLite', () => {
  runRepositoryTests(() => freshSqliteDb())
})
