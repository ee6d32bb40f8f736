import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface WebAsset {
  contentType: string
  raw: Buffer
  brotli?: Buffer
  gzip?: Buffer
}

/** The built browser assets: the manifest's logical names and every file, held in memory. */
export interface WebAssets {
  manifest: Record<string, string>
  files: Map<string, WebAsset>
}

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
}

export class MissingAssetsError extends Error {}

/**
 * Reads `npm run build`'s output. The files are small (a few hundred KB compressed) and never
 * change while the process runs, so they are served from memory with their precompressed twins.
 */
export function loadWebAssets(dir: string): WebAssets {
  const manifestPath = join(dir, 'manifest.json')
  if (!existsSync(manifestPath)) {
    throw new MissingAssetsError(
      `The browser assets are not built (${manifestPath} is missing). Run: npm run build`,
    )
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, string>
  const files = new Map<string, WebAsset>()
  for (const name of readdirSync(dir)) {
    if (name === 'manifest.json' || name.endsWith('.br') || name.endsWith('.gz')) continue
    const extension = /\.[a-z0-9]+$/.exec(name)?.[0] ?? ''
    const twin = (suffix: string) =>
      existsSync(join(dir, name + suffix)) ? readFileSync(join(dir, name + suffix)) : undefined
    const brotli = twin('.br')
    const gzip = twin('.gz')
    files.set(name, {
      contentType: contentTypes[extension] ?? 'application/octet-stream',
      raw: readFileSync(join(dir, name)),
      ...(brotli ? { brotli } : {}),
      ...(gzip ? { gzip } : {}),
    })
  }
  return { manifest, files }
}
