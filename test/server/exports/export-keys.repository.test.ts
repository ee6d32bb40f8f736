import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/create-db.ts'
import { exportKey } from '../../../server/exports/export-keys.repository.ts'
import { pseudonym } from '../../../server/exports/pseudonym.ts'
import { freshSqliteDb, TEST_NOW } from '../../support/databases.ts'

describe('pseudonym keys of pupil-level exports', () => {
  let db: Db
  beforeAll(async () => {
    db = await freshSqliteDb({ definitions: false })
    await db.kysely
      .insertInto('municipalities')
      .values([
        { id: 'm1', name: 'Én', created_at: TEST_NOW.toISOString() },
        { id: 'm2', name: 'To', created_at: TEST_NOW.toISOString() },
      ])
      .execute()
  })
  afterAll(async () => db.close())

  it('creates one random key per municipality on first use and keeps it', async () => {
    expect(await db.kysely.selectFrom('export_keys').selectAll().execute()).toEqual([])
    const [first, again] = await Promise.all([
      exportKey(db.kysely, 'm1', TEST_NOW),
      exportKey(db.kysely, 'm1', TEST_NOW),
    ])
    expect(first).toMatch(/^[0-9a-f]{64}$/)
    expect(again).toBe(first)
    expect(await exportKey(db.kysely, 'm1', TEST_NOW)).toBe(first)
    expect(await exportKey(db.kysely, 'm2', TEST_NOW)).not.toBe(first)
    expect(await db.kysely.selectFrom('export_keys').selectAll().execute()).toHaveLength(2)
  })

  it('makes stable pseudonyms that depend on the key, the kind and the id', () => {
    const key = 'a'.repeat(64)
    expect(pseudonym(key, 'Skole', 's1')).toMatch(/^Skole-[0-9A-F]{6}$/)
    expect(pseudonym(key, 'Skole', 's1')).toBe(pseudonym(key, 'Skole', 's1'))
    expect(pseudonym(key, 'Skole', 's1')).not.toBe(pseudonym(key, 'Skole', 's2'))
    expect(pseudonym('b'.repeat(64), 'Skole', 's1')).not.toBe(pseudonym(key, 'Skole', 's1'))
    expect(pseudonym(key, 'Klasse', 's1').slice(7)).not.toBe(pseudonym(key, 'Skole', 's1').slice(6))
  })
})
