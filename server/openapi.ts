import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from './app-env.ts'
import { AppError } from './errors.ts'

/** A sub-app whose validation failures become the one error shape (400 validation_failed). */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((issue) => ({
          path: issue.path.join('.'),
          message: issue.message,
        }))
        const summary = issues
          .slice(0, 3)
          .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
          .join('; ')
        throw new AppError(400, 'validation_failed', `The request is not valid: ${summary}`, {
          issues,
        })
      }
    },
  })
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error')

export const errorResponses = {
  400: {
    description: 'The request is not valid',
    content: { 'application/json': { schema: ErrorSchema } },
  },
  401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorSchema } } },
  403: {
    description: 'Not allowed for this role',
    content: { 'application/json': { schema: ErrorSchema } },
  },
  404: {
    description: 'Not found in your municipality',
    content: { 'application/json': { schema: ErrorSchema } },
  },
} as const

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
})

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

export const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) })
