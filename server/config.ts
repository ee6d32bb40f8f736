import { z } from 'zod'

export type DatabaseConfig =
  { dialect: 'sqlite'; filename: string } | { dialect: 'postgres'; connectionString: string }

export interface Config {
  port: number
  host: string
  database: DatabaseConfig
  adminEmail: string | undefined
  adminPassword: string | undefined
  /** Municipality the first administrator belongs to (created if missing). */
  adminMunicipality: string
  minGroupSize: number
  /** Public base URL pupils type or scan (printed on code sheets); defaults to http://host:port. */
  publicUrl: string
  /** Session lifetime in minutes. */
  sessionMinutes: number
}

export class ConfigError extends Error {}

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z.string().min(1).default('./data/trivselsradar.db'),
    ADMIN_EMAIL: z.email().optional(),
    ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    ADMIN_MUNICIPALITY: z.string().trim().min(2).max(120).default('Min kommune'),
    MIN_GROUP_SIZE: z.coerce.number().int().min(3).max(100).default(5),
    PUBLIC_URL: z.url().optional(),
    SESSION_MINUTES: z.coerce
      .number()
      .int()
      .min(5)
      .max(7 * 24 * 60)
      .default(8 * 60),
  })
  .refine((env) => (env.ADMIN_EMAIL === undefined) === (env.ADMIN_PASSWORD === undefined), {
    message: 'ADMIN_EMAIL and ADMIN_PASSWORD must be given together',
    path: ['ADMIN_PASSWORD'],
  })

/**
 * Chooses the database from a URL: `postgres://` / `postgresql://` select PostgreSQL; a file path
 * or `file:` URL selects SQLite.
 */
export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (/^postgres(ql)?:\/\//i.test(url)) return { dialect: 'postgres', connectionString: url }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !url.startsWith('file:')) {
    throw new ConfigError(
      `DATABASE_URL "${url.replace(/\/\/[^@/]*@/, '//***@')}" is not supported: use a file path, a file: URL or postgres://`,
    )
  }
  if (url.startsWith('file:')) {
    const path = url.startsWith('file://') ? new URL(url).pathname : url.slice('file:'.length)
    if (path === '') throw new ConfigError('DATABASE_URL "file:" needs a path')
    return { dialect: 'sqlite', filename: decodeURIComponent(path) }
  }
  return { dialect: 'sqlite', filename: url }
}

/** Reads the configuration from environment variables; throws a ConfigError naming each problem. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const blankToUndefined = Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, value === '' ? undefined : value]),
  )
  const parsed = envSchema.safeParse(blankToUndefined)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`)
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    database: parseDatabaseUrl(e.DATABASE_URL),
    adminEmail: e.ADMIN_EMAIL?.toLowerCase(),
    adminPassword: e.ADMIN_PASSWORD,
    adminMunicipality: e.ADMIN_MUNICIPALITY,
    minGroupSize: e.MIN_GROUP_SIZE,
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    sessionMinutes: e.SESSION_MINUTES,
  }
}
