import { Hono } from 'hono'
import { PupilPage } from '../../web/pupil/pupil-page.tsx'
import { AppError } from '../errors.ts'
import { preferredEncoding } from '../responses/encoding.ts'
import type { WebAssets } from './web-assets.ts'

/** The pupil page at / and the content-hashed browser assets under /assets/. */
export function webAssetsRoutes(assets: WebAssets) {
  const app = new Hono()
  const script = assets.manifest['pupil.js']
  const stylesheet = assets.manifest['pupil.css']
  if (!script || !stylesheet) throw new Error('the asset manifest lacks pupil.js or pupil.css')

  app.get('/', (c) => {
    // The page is tiny and names the current assets, so browsers always revalidate it.
    c.header('Cache-Control', 'no-cache')
    return c.html(<PupilPage script={script} stylesheet={stylesheet} />)
  })

  // No icon yet; answer so browsers stop asking and logs stay quiet.
  app.get('/favicon.ico', (c) => {
    c.header('Cache-Control', 'public, max-age=86400')
    return c.body(null, 204)
  })

  app.get('/assets/:file', (c) => {
    const asset = assets.files.get(c.req.param('file'))
    if (!asset) throw new AppError(404, 'not_found', 'No such file.')
    // Names carry a content hash: a changed file gets a new name, so this one can be kept forever.
    c.header('Cache-Control', 'public, max-age=31536000, immutable')
    c.header('Content-Type', asset.contentType)
    c.header('Vary', 'Accept-Encoding')
    const encoding = preferredEncoding(c.req.header('accept-encoding'))
    const body = encoding === 'br' ? asset.brotli : encoding === 'gzip' ? asset.gzip : undefined
    if (encoding && body) {
      c.header('Content-Encoding', encoding)
      return c.body(new Uint8Array(body))
    }
    return c.body(new Uint8Array(asset.raw))
  })
  return app
}
