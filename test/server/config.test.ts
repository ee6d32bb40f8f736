import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, parseDatabaseUrl } from '../../server/config.ts'

describe('configuration from the environment', () => {
  it('has working defaults', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      database: { dialect: 'sqlite', filename: './data/trivselsradar.db' },
      minGroupSize: 5,
      publicUrl: 'http://127.0.0.1:3000',
      adminEmail: undefined,
    })
  })

  it('selects the database from DATABASE_URL', () => {
    expect(parseDatabaseUrl('postgres://u@h:5432/db')).toEqual({
      dialect: 'postgres',
      connectionString: 'postgres://u@h:5432/db',
    })
    expect(parseDatabaseUrl('postgresql://h/db').dialect).toBe('postgres')
    expect(parseDatabaseUrl('file:/var/lib/tr.db')).toEqual({
      dialect: 'sqlite',
      filename: '/var/lib/tr.db',
    })
    expect(parseDatabaseUrl('file:///var/lib/tr%20x.db')).toEqual({
      dialect: 'sqlite',
      filename: '/var/lib/tr x.db',
    })
    expect(parseDatabaseUrl('data/x.db')).toEqual({ dialect: 'sqlite', filename: 'data/x.db' })
    expect(() => parseDatabaseUrl('mysql://root:secret@h/db')).toThrow(/not supported/)
    expect(() => parseDatabaseUrl('mysql://root:secret@h/db')).not.toThrow(/secret/)
  })

  it('stops with a message naming every invalid variable', () => {
    let error: unknown
    try {
      loadConfig({
        PORT: 'abc',
        MIN_GROUP_SIZE: '1',
        ADMIN_EMAIL: 'not-an-email',
        ADMIN_PASSWORD: 'short',
      })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigError)
    const message = (error as Error).message
    expect(message).toMatch(/PORT/)
    expect(message).toMatch(/MIN_GROUP_SIZE/)
    expect(message).toMatch(/ADMIN_EMAIL/)
    expect(message).toMatch(/ADMIN_PASSWORD: must be at least 12 characters/)
  })

  it('needs ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.dk' })).toThrow(/given together/)
    expect(loadConfig({ ADMIN_EMAIL: 'A@B.dk', ADMIN_PASSWORD: 'twelve chars!' }).adminEmail).toBe(
      'a@b.dk',
    )
  })
})
