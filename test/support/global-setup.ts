import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { buildWebAssets, DIST_DIR } from '../../web/build.ts'

/** Browser assets are built once before the tests that serve them (npm test builds them too). */
export default async function setup(): Promise<void> {
  if (!existsSync(join(DIST_DIR, 'manifest.json'))) await buildWebAssets()
}
