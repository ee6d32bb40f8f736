import { createRequire } from 'node:module'; const require = createRequire(import.meta.url); const { Model } = require('survey-core')
import { readFileSync } from 'node:fs'
const def = JSON.parse(readFileSync('survey-definitions/ssp-7-9/questionnaire.json', 'utf8'))
const m = new Model(def)
const d = {}; for (const q of m.getAllQuestions()) d[q.name] = q.visibleChoices[0].value
let t = performance.now()
for (let i = 0; i < 200; i++) m.data = i % 2 ? d : { bg_grade: 7 }
console.log('set data avg', (performance.now() - t) / 200)
