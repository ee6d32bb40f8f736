import { mkdirSync, writeFileSync } from 'node:fs'
import { foundationBench } from './foundation.bench.ts'
import { printFigures } from './measure.ts'

/** `npm run bench`: every benchmark, figures as ratios to a baseline measured in the same run. */
const figures = await foundationBench()
printFigures('Foundation (SQLite in memory, demo municipality)', figures)
mkdirSync(new URL('./results/', import.meta.url), { recursive: true })
const file = new URL(
  `./results/${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  import.meta.url,
)
writeFileSync(file, JSON.stringify({ node: process.version, figures }, null, 2))
console.log(`\nwritten to ${file.pathname}`)
