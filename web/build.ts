import { build } from 'esbuild'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

/** Where the built browser assets and their manifest go (ignored by git, rebuilt by npm scripts). */
export const DIST_DIR = fileURLToPath(new URL('./dist/', import.meta.url))

/** Logical asset name → content-hashed file name under /assets/. */
export type AssetManifest = Record<string, string>

const entryPoints = {
  'pupil.js': fileURLToPath(new URL('./pupil/pupil-app.ts', import.meta.url)),
  'pupil.css': fileURLToPath(new URL('./pupil/pupil.css', import.meta.url)),
  'staff.js': fileURLToPath(new URL('./staff/staff-app.ts', import.meta.url)),
  'staff.css': fileURLToPath(new URL('./staff/staff.css', import.meta.url)),
}

/**
 * Bundles the browser code once with esbuild into content-hashed files, each with a brotli and a
 * gzip twin, so the server sends precompressed bytes and browsers cache them for good.
 */
export async function buildWebAssets(outDir = DIST_DIR): Promise<AssetManifest> {
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  // The pupil page is one file per type, as it was measured and budgeted; the staff pages load
  // their chart code (vega, most of their bundle) as a chunk of its own, only where charts are.
  const bundle = (entries: string[], splitting: boolean) =>
    build({
      entryPoints: entries,
      bundle: true,
      minify: true,
      format: 'esm',
      splitting,
      target: ['es2020', 'chrome90', 'safari14', 'firefox90'],
      outdir: outDir,
      entryNames: '[name]-[hash]',
      chunkNames: 'chunk-[name]-[hash]',
      assetNames: '[name]-[hash]',
      loader: { '.woff': 'file', '.woff2': 'file', '.svg': 'dataurl' },
      metafile: true,
      legalComments: 'linked',
      logLevel: 'warning',
    })
  const pupil = await bundle([entryPoints['pupil.js'], entryPoints['pupil.css']], false)
  const staff = await bundle([entryPoints['staff.js'], entryPoints['staff.css']], true)
  const result = {
    metafile: { outputs: { ...pupil.metafile.outputs, ...staff.metafile.outputs } },
  }
  const manifest: AssetManifest = {}
  for (const [output, meta] of Object.entries(result.metafile.outputs)) {
    const file = basename(output)
    const logical = Object.entries(entryPoints).find(
      ([, path]) => meta.entryPoint && path.endsWith(meta.entryPoint.replace(/^.*?web\//, '')),
    )?.[0]
    if (logical) manifest[logical] = file
    const bytes = readFileSync(join(outDir, file))
    writeFileSync(
      join(outDir, `${file}.br`),
      brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    )
    writeFileSync(join(outDir, `${file}.gz`), gzipSync(bytes, { level: 9 }))
  }
  for (const name of Object.keys(entryPoints)) {
    if (!manifest[name]) throw new Error(`esbuild produced no output for ${name}`)
  }
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  return manifest
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const manifest = await buildWebAssets()
  console.log(`built ${Object.values(manifest).join(', ')} into ${DIST_DIR}`)
}
