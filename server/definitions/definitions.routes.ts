import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-env.ts'
import { requireStaff } from '../auth/auth.middleware.ts'
import { notFound } from '../errors.ts'
import { createRouter, errorResponses, IdParam, jsonResponse } from '../openapi.ts'
import { findDefinition, listDefinitions } from './definitions.repository.ts'

const DefinitionSummarySchema = z
  .object({
    id: z.string(),
    questionnaireId: z.string(),
    version: z.number().int(),
    title: z.string(),
    scoringSpecVersion: z.string(),
    contentHash: z.string(),
    createdAt: z.string(),
  })
  .openapi('DefinitionSummary')

/** Questionnaire versions are shared by every municipality on the deployment. */
export function definitionsRoutes(deps: AppDeps) {
  const app = createRouter()
  app.use('*', requireStaff(deps))
  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'Questionnaire versions, newest first',
      responses: {
        200: jsonResponse(z.object({ definitions: z.array(DefinitionSummarySchema) }), 'Versions'),
        ...errorResponses,
      },
    }),
    async (c) => c.json({ definitions: await listDefinitions(deps.db) }, 200),
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      summary: 'One questionnaire version with its SurveyJS JSON and scoring spec',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(
          z.object({
            definition: DefinitionSummarySchema.extend({
              survey: z.record(z.string(), z.unknown()),
              scoringSpec: z.record(z.string(), z.unknown()),
            }),
          }),
          'The version',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const definition = await findDefinition(deps.db, c.req.valid('param').id)
      if (!definition) throw notFound('Questionnaire version')
      return c.json(
        { definition: { ...definition, scoringSpec: { ...definition.scoringSpec } } },
        200,
      )
    },
  )
  return app
}
