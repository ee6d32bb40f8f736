import { createRequire } from 'node:module'; const require = createRequire(import.meta.url); const { Model } = require('survey-core')
import { readFileSync, readdirSync } from 'node:fs'
const files = ['survey-definitions/ssp-7-9/questionnaire.json', ...readdirSync('/work/shared/fixtures/surveyjs').filter(f => f.endsWith('.json')).map(f => '/work/shared/fixtures/surveyjs/' + f)]
for (const f of files) {
  const def = JSON.parse(readFileSync(f, 'utf8'))
  let t = performance.now()
  const m = new Model(def)
  const tm = performance.now() - t
  const d = {}
  for (const q of m.getAllQuestions()) { const c = q.visibleChoices ?? q.visibleRateValues; if (c?.length) d[q.name] = c[0].value }
  t = performance.now()
  for (let i = 0; i < 100; i++) m.data = i % 2 ? d : {}
  const ts = (performance.now() - t) / 100
  t = performance.now()
  for (let i = 0; i < 20; i++) new Model(def)
  console.log(f.split('/').pop(), 'pages', m.pages.length, 'qs', m.getAllQuestions().length, 'first model', tm.toFixed(1), 'new model', ((performance.now() - t)/20).toFixed(1), 'set data', ts.toFixed(2))
}
