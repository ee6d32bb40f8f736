import { readFileSync } from 'node:fs'
import { Model } from 'survey-core'
const def = JSON.parse(readFileSync('survey-definitions/ssp-7-9/questionnaire.json', 'utf8'))
let t = performance.now()
const m = new Model(def)
console.log('new model', performance.now() - t)
t = performance.now()
m.data = { bg_grade: 7 }
console.log('set data', performance.now() - t)
t = performance.now()
m.clear(true, true)
console.log('clear', performance.now() - t)
t = performance.now()
for (const q of m.getAllQuestions()) q.value = (q as any).visibleChoices[0].value
console.log('set all', performance.now() - t)
t = performance.now()
for (const q of m.getAllQuestions()) q.hasErrors(false)
console.log('hasErrors', performance.now() - t)
t = performance.now()
for (let i = 0; i < 10; i++) m.data = JSON.parse(JSON.stringify(m.data))
console.log('set data x10', performance.now() - t)
