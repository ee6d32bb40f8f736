import { mkdirSync, writeFileSync } from 'node:fs'
import { analysisBench } from './analysis.bench.ts'
import { answerValidatorBench } from './answer-validator.bench.ts'
import { foundationBench } from './foundation.bench.ts'
import { printFigures } from './measure.ts'
import { pupilPageWeightBench } from './pupil-page-weight.bench.ts'

/** `npm run bench`: every benchmark, figures as ratios to a baseline measured in the same run. */
const foundation = await foundationBench()
printFigures('Foundation (SQLite in memory, demo municipality)', foundation)
const validator = await answerValidatorBench()
printFigures('Answer validation (shipped questionnaire, generated complete responses)', validator)
const weight = await pupilPageWeightBench()
console.log('\nPupil page weight')
for (const f of weight) {
  console.log(
    `  ${f.name.padEnd(52)} ${(f.bytes / 1024).toFixed(1).padStart(9)} KB  ${f.ratio.toPrecision(3).padStart(8)} × ${f.baseline}`,
  )
}
const analysis = await analysisBench()
printFigures('Analysis at national scale (SQLite files, generated responses)', analysis)
console.log('\nAnalysis: time per operation against the targets of the issue (not asserted)')
for (const f of analysis) {
  const verdict = f.target
    ? `${f.milliseconds <= f.target.milliseconds ? 'within' : 'above'} target ${f.target.text}`
    : ''
  console.log(`  ${f.name.padEnd(52)} ${f.milliseconds.toFixed(3).padStart(12)} ms  ${verdict}`)
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true })
const file = new URL(
  `./results/${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  import.meta.url,
)
writeFileSync(
  file,
  JSON.stringify({ node: process.version, foundation, validator, weight, analysis }, null, 2),
)
console.log(`\nwritten to ${file.pathname}`)
