import { sql } from 'kysely'
import { Hono } from 'hono'
import type { AppDeps } from '../app-env.ts'
import { AppError } from '../errors.ts'

/** Liveness and readiness: the app is only built after migrations ran, so reaching here means they did. */
export function healthRoutes(deps: AppDeps) {
  const app = new Hono()
  app.get('/', async (c) => {
    try {
      await sql`select 1`.execute(deps.db)
    } catch {
      throw new AppError(503 as never, 'internal', 'The database cannot be reached.')
    }
    return c.json({ status: 'ok', database: deps.dialect })
  })
  return app
}
