import SQLite from 'better-sqlite3'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants } from 'node:zlib'
import { createApp } from '../server/app.ts'
import { bootstrap } from '../server/bootstrap.ts'
import { systemClock } from '../server/clock.ts'
import { wrapSqlite } from '../server/db/create-db.ts'
import { loadWebAssets } from '../server/web-assets/web-assets.ts'
import { buildWebAssets, DIST_DIR } from '../web/build.ts'

const nodeModules = fileURLToPath(new URL('../node_modules/', import.meta.url))
const definitionsRoot = fileURLToPath(new URL('../survey-definitions/', import.meta.url))

export interface WeightFigure {
  name: string
  bytes: number
  baseline: string
  ratio: number
}

const brotli = (bytes: Buffer): number =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length

/**
 * What a pupil's device downloads on the first load (page, script, stylesheet, questionnaire, as
 * the server sends them with `Accept-Encoding: br`), against stock survey-core + survey-js-ui +
 * their CSS compressed the same way, and against the 400 KB budget.
 */
export async function pupilPageWeightBench(): Promise<WeightFigure[]> {
  await buildWebAssets()
  const db = wrapSqlite(new SQLite(':memory:'))
  await bootstrap(db.kysely, { now: new Date(), definitionsRoot })
  const app = createApp({
    db: db.kysely,
    dialect: 'sqlite',
    clock: systemClock,
    config: { minGroupSize: 5, publicUrl: 'http://x', sessionMinutes: 60 },
    webAssets: loadWebAssets(DIST_DIR),
  })
  const headers = { 'accept-encoding': 'br' }
  const size = async (path: string) =>
    (await (await app.request(path, { headers })).arrayBuffer()).byteLength
  const html = await app.request('/', { headers })
  const page = await html.text()
  const assets = [...page.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] as string)
  const definition = await db.kysely
    .selectFrom('questionnaire_definitions')
    .select('content_hash')
    .executeTakeFirstOrThrow()
  let total = Buffer.byteLength(page)
  for (const asset of assets) total += await size(asset)
  total += await size(`/api/questionnaires/${definition.content_hash}.json`)
  await db.close()

  const stock = [
    'survey-core/survey.core.min.js',
    'survey-js-ui/survey-js-ui.min.js',
    'survey-core/survey-core.min.css',
  ]
    .map((file) => brotli(readFileSync(nodeModules + file)))
    .reduce((a, b) => a + b, 0)
  return [
    {
      name: 'first load of the pupil page (brotli)',
      bytes: total,
      baseline: 'stock SurveyJS files (brotli)',
      ratio: total / stock,
    },
    {
      name: 'first load of the pupil page (brotli)',
      bytes: total,
      baseline: '400 KB budget',
      ratio: total / (400 * 1024),
    },
  ]
}
