import { OpenAPIHono } from '@hono/zod-openapi'
import { HTTPException } from 'hono/http-exception'
import { secureHeaders } from 'hono/secure-headers'
import type { AppDeps, AppEnv } from './app-env.ts'
import { auditRoutes } from './audit/audit.routes.ts'
import { authRoutes } from './auth/auth.routes.ts'
import { definitionsRoutes } from './definitions/definitions.routes.ts'
import { exportsRoutes } from './exports/exports.routes.ts'
import { AppError, errorBody } from './errors.ts'
import { healthRoutes } from './health/health.routes.ts'
import { guardStateChanges, limitBody } from './request-guards.ts'
import { reportsRoutes } from './reports/reports.routes.tsx'
import { referenceValuesRoutes } from './reference-values/reference-values.routes.ts'
import { pupilRoutes } from './responses/pupil.routes.ts'
import { createQuestionnaireCache } from './responses/questionnaire-cache.ts'
import { analysisRoutes } from './analysis/analysis.routes.ts'
import { chartsRoutes } from './analysis/charts.routes.ts'
import { roundsRoutes } from './rounds/rounds.routes.ts'
import { schoolsRoutes } from './schools/schools.routes.ts'
import { staffPagesRoutes } from './staff-pages/staff-pages.routes.tsx'
import { staffUsersRoutes } from './staff-users/staff-users.routes.ts'
import type { WebAssets } from './web-assets/web-assets.ts'
import { webAssetsRoutes } from './web-assets/web-assets.routes.tsx'

export const API_BODY_LIMIT_BYTES = 64 * 1024

export interface AppOptions extends AppDeps {
  /** Built browser assets; without them the app serves the API only (most API tests). */
  webAssets?: WebAssets
  /** Where unexpected errors are reported; defaults to stderr. */
  logError?: (error: unknown) => void
}

/** Builds the whole HTTP app from explicit dependencies; nothing here reads the environment. */
export function createApp(options: AppOptions) {
  const { logError = (error) => console.error(error), webAssets, ...deps } = options
  const app = new OpenAPIHono<AppEnv>()

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
    }),
  )
  app.use('/api/*', limitBody(API_BODY_LIMIT_BYTES), guardStateChanges)
  app.use('/api/*', async (c, next) => {
    await next()
    // API answers are private and live unless a route says otherwise (immutable questionnaires).
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store')
  })

  app.route('/healthz', healthRoutes(deps))
  app.route('/api/auth', authRoutes(deps))
  app.route('/api/schools', schoolsRoutes(deps))
  app.route('/api/rounds', roundsRoutes(deps))
  app.route('/api/users', staffUsersRoutes(deps))
  app.route('/api/audit-log', auditRoutes(deps))
  app.route('/api/definitions', definitionsRoutes(deps))
  app.route('/api/analysis/charts', chartsRoutes(deps))
  app.route('/api/analysis', analysisRoutes(deps))
  app.route('/api/reference-values', referenceValuesRoutes(deps))
  app.route('/api/exports', exportsRoutes(deps))
  app.route('/api/reports', reportsRoutes(deps))
  app.route('/api', pupilRoutes({ ...deps, questionnaires: createQuestionnaireCache(deps.db) }))

  if (webAssets) {
    app.route('/', webAssetsRoutes(webAssets))
    app.route('/staff', staffPagesRoutes(deps, webAssets))
  }

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Trivselsradar API', version: '0.1.0' },
  })

  app.notFound((c) =>
    c.json(
      errorBody(new AppError(404, 'not_found', `No such address: ${c.req.method} ${c.req.path}`)),
      404,
    ),
  )
  app.onError((error, c) => {
    if (error instanceof AppError) return c.json(errorBody(error), error.status)
    if (error instanceof SyntaxError) {
      return c.json(
        errorBody(new AppError(400, 'bad_request', 'The request body is not valid JSON.')),
        400,
      )
    }
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(
        errorBody(
          new AppError(error.status, 'bad_request', error.message || 'The request is not valid.'),
        ),
        error.status,
      )
    }
    logError(error)
    return c.json(
      errorBody(
        new AppError(500, 'internal', 'Something went wrong on the server. Please try again.'),
      ),
      500,
    )
  })
  return app
}

export type App = ReturnType<typeof createApp>
