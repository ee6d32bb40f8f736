import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import { AppError } from './errors.ts'

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Bodies above `maxBytes` are refused with 413 before they are parsed. */
export const limitBody = (maxBytes: number) =>
  bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError(
        413,
        'payload_too_large',
        `The request body is larger than ${Math.round(maxBytes / 1024)} KB.`,
      )
    },
  })

/**
 * State-changing API calls must be JSON (415 otherwise) and, when the browser names an Origin,
 * come from our own origin (403). With SameSite=Lax cookies this closes cross-site requests.
 */
export const guardStateChanges = createMiddleware(async (c, next) => {
  if (!stateChanging.has(c.req.method)) return next()
  const origin = c.req.header('origin')
  if (origin !== undefined && origin !== 'null') {
    const host = c.req.header('x-forwarded-host') ?? c.req.header('host')
    let originHost: string | undefined
    try {
      originHost = new URL(origin).host
    } catch {
      originHost = undefined
    }
    if (host !== undefined && originHost !== host) {
      throw new AppError(403, 'forbidden', 'Cross-site requests are not accepted.')
    }
  } else if (origin === 'null') {
    throw new AppError(403, 'forbidden', 'Cross-site requests are not accepted.')
  }
  const contentType = c.req.header('content-type')
  const hasBody = c.req.raw.body !== null && c.req.header('content-length') !== '0'
  if (hasBody && !/^application\/json\s*(;|$)/i.test(contentType ?? '')) {
    throw new AppError(
      415,
      'unsupported_media_type',
      'Send the request body as JSON with Content-Type: application/json.',
    )
  }
  return next()
})
