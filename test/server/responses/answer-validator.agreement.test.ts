import fc from 'fast-check'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { EmailValidator, Model, settings, type Question, type SurveyModel } from 'survey-core'
import { describe, expect, it, vi } from 'vitest'
import {
  compileAnswerValidator,
  type AnswerMode,
  type AnswerValidator,
} from '../../../server/responses/answer-validator.ts'

/**
 * The compiled validator must reach survey-core's own verdict on every response, valid or broken.
 * survey-core is the oracle: a Model holding the answers as its data decides which questions are
 * shown (`isVisible && isParentVisible`, by its own condition engine), which are still required
 * (`hasErrors`: required, all rows, "Other" text), what each question accepts (`visibleChoices`,
 * `visibleRateValues`, `getMaxLength`, `min`/`max`, its EmailValidator) and what expressions
 * compute (its data). Where survey-core sets no text limit the validator's 2000 applies.
 *
 * Responses: every question answered or skipped page by page (required ones always), settled
 * with survey-core until nothing shown is missing and nothing hidden answered; drafts stop at
 * some page. Each is then broken one way at a time: a
 * required answer dropped, a value put outside its domain, an unknown key added, a hidden
 * question answered. The validator must accept the first, blame the broken key, and agree with
 * survey-core on every other problem too.
 */

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url))
const fixturesDir = [
  resolve(projectRoot, '../shared/fixtures/surveyjs'),
  process.env.SURVEYJS_FIXTURES,
]
  .filter((dir): dir is string => dir !== undefined && dir !== '')
  .find((dir) => existsSync(dir))
if (!fixturesDir) {
  console.warn(
    'answer-validator agreement: no SurveyJS fixtures at ../shared/fixtures/surveyjs or $SURVEYJS_FIXTURES; skipping them',
  )
}
const fixtures = fixturesDir
  ? readdirSync(fixturesDir)
      .filter((file) => file.endsWith('.json'))
      .sort()
  : []
const seed = Number(process.env.FC_SEED ?? 20261124)

const ANSWERABLE = 'radiogroup dropdown checkbox rating boolean text comment matrix'.split(' ')
const COMMENT = settings.commentSuffix
type Answers = Record<string, unknown>
type Gen = fc.GeneratorValue

const pick = <T>(g: Gen, items: readonly T[]): T => items[g(fc.nat, { max: items.length - 1 })] as T
const chance = (g: Gen, percent: number): boolean => g(fc.nat, { max: 99 }) < percent
const isScalar = (v: unknown): boolean => ['string', 'number', 'boolean'].includes(typeof v)
const json = <T>(value: T): T =>
  value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)
const sameJson = (a: unknown, b: unknown): boolean =>
  JSON.stringify(a) === JSON.stringify(b) && (a === undefined) === (b === undefined)
const q$ = (q: Question): any => q

class SurveyCoreOracle {
  model!: SurveyModel
  questions = new Map<string, Question>()
  otherTexts = new Map<string, Question>()
  included = new Set<string>()
  nonValueNames: string[] = []
  /** Questions survey-core's validation may find fault with once the domain checks pass. */
  checked: Question[] = []
  answerable: Question[] = []
  /** Whether survey-core computes values that end up in the data. */
  computes = false
  private loaded = ''

  constructor(private readonly definition: object) {
    this.build()
  }

  private build(): void {
    this.model = new Model(this.definition)
    this.loaded = ''
    this.questions = new Map()
    this.otherTexts = new Map()
    this.nonValueNames = []
    for (const q of this.model.getAllQuestions()) {
      if (['html', 'image'].includes(q.getType())) this.nonValueNames.push(q.name)
      else this.questions.set(q.getValueName(), q)
      if (q$(q).showOtherItem) this.otherTexts.set(q.getValueName() + COMMENT, q)
    }
    this.included = new Set(
      this.model.calculatedValues.filter((c) => c.includeIntoResult).map((c) => c.name),
    )
    this.answerable = [...this.questions.values()].filter((q) => ANSWERABLE.includes(q.getType()))
    this.checked = this.answerable.filter(
      (q) =>
        q.isRequired ||
        q$(q).eachRowRequired ||
        q$(q).showOtherItem ||
        ['email', 'number', 'range'].includes(q$(q).inputType),
    )
    this.computes =
      this.included.size > 0 ||
      [...this.questions.values()].some((q) => q.getType() === 'expression')
  }

  isKnown(key: string): boolean {
    return this.questions.has(key) || this.otherTexts.has(key) || this.included.has(key)
  }

  shown(q: Question): boolean {
    return q.isVisible && q.isParentVisible
  }

  cap(limit: number | null): number {
    return limit ?? 2000
  }

  /** The reason a present value is outside the question's domain, read off survey-core's objects. */
  domainReason(q: Question, key: string, value: unknown): string | undefined {
    if (key !== q.getValueName()) {
      if (typeof value !== 'string') return 'wrong-type'
      return value.length > this.cap(q.getOthersMaxLength()) ? 'too-long' : undefined
    }
    const choice = (values: unknown[]) => (v: unknown) =>
      !isScalar(v) ? 'wrong-type' : values.includes(v) ? undefined : 'not-a-choice'
    switch (q.getType()) {
      case 'radiogroup':
      case 'dropdown':
        return choice(q$(q).visibleChoices.map((c: any) => c.value))(value)
      case 'checkbox': {
        if (!Array.isArray(value)) return 'wrong-type'
        const inList = choice(q$(q).visibleChoices.map((c: any) => c.value))
        for (const [i, v] of value.entries()) {
          const reason = inList(v) ?? (value.indexOf(v) !== i ? 'not-a-choice' : undefined)
          if (reason) return reason
        }
        const none = q$(q).showNoneItem ? q$(q).noneItem.value : undefined
        return value.length > 1 && value.includes(none) ? 'not-a-choice' : undefined
      }
      case 'rating':
        return choice(q$(q).visibleRateValues.map((c: any) => c.value))(value)
      case 'boolean':
        return choice([q$(q).getValueTrue(), q$(q).getValueFalse()])(value)
      case 'text':
      case 'comment': {
        if (['number', 'range'].includes(q$(q).inputType)) {
          if (typeof value !== 'number' || !Number.isFinite(value)) return 'wrong-type'
          const { min, max } = q$(q)
          return value < min || value > max ? 'out-of-range' : undefined
        }
        if (typeof value !== 'string') return 'wrong-type'
        if (value.length > this.cap(q$(q).getMaxLength())) return 'too-long'
        const email = q$(q).inputType === 'email' && new EmailValidator().validate(value) !== null
        return email ? 'wrong-type' : undefined
      }
      case 'matrix': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'wrong-type'
        const rows = q$(q).rows.map((r: any) => String(r.value))
        const column = choice(q$(q).columns.map((c: any) => c.value))
        for (const [row, cell] of Object.entries(value)) {
          const reason = rows.includes(row) ? column(cell) : 'not-a-choice'
          if (reason) return reason
        }
        return undefined
      }
      case 'expression':
        // survey-core recomputed it when the data was set; its data holds what it would send.
        return sameJson(value, json(this.model.data[key])) ? undefined : 'not-a-choice'
      default:
        return `unexpected type ${q.getType()}`
    }
  }

  /** Loads answers into the model unless they are already its data (a data load costs ms). */
  load(answers: Answers): void {
    const text = JSON.stringify(answers)
    if (text === this.loaded) return
    this.setData(text)
    if (this.holds(answers)) return
    // survey-core keeps state from values of the wrong type: a boolean once given [true] then
    // holds `false` as an empty value. No widget produces such values; start afresh after one.
    this.build()
    this.setData(text)
    expect(this.holds(answers), 'a fresh survey-core model holds the answers').toBe(true)
  }

  private setData(text: string): void {
    // survey-core warns of each odd value; these tests feed it odd values on purpose.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      this.model.data = JSON.parse(text)
      this.loaded = text
    } finally {
      warn.mockRestore()
    }
  }

  /** Whether survey-core holds every valid answer as given. */
  private holds(answers: Answers): boolean {
    return Object.entries(answers).every(([key, value]) => {
      const q = this.questions.get(key)
      if (!q || !ANSWERABLE.includes(q.getType())) return true
      return this.domainReason(q, key, value) !== undefined || sameJson(json(q.value), value)
    })
  }

  /** survey-core's verdict as `key|reason` strings, in the validator's terms. */
  verdict(answers: Answers, mode: AnswerMode): string[] {
    // Unknown keys are refused first and count for nothing else, so survey-core never sees them
    // (its data setter trims keys: it would read "q1 " as q1).
    const known = Object.fromEntries(Object.entries(answers).filter(([key]) => this.isKnown(key)))
    if (mode === 'complete' || this.computes) this.load(known)
    const verdict: string[] = []
    const invalid = new Set<string>()
    for (const key of Object.keys(answers)) {
      const q = this.questions.get(key) ?? this.otherTexts.get(key)
      let reason: string | undefined
      if (this.included.has(key)) {
        const computed = this.model.getVariable(key)
        const expected = computed === undefined ? undefined : json(computed)
        reason = sameJson(answers[key], expected) ? undefined : 'not-a-choice'
      } else if (!q) reason = 'unknown-question'
      else if (mode === 'complete' && !this.shown(q)) reason = 'hidden'
      else reason = this.domainReason(q, key, answers[key])
      if (reason) {
        verdict.push(`${key}|${reason}`)
        invalid.add(key)
      }
    }
    if (mode === 'complete') {
      for (const q of this.checked) {
        if (invalid.has(q.getValueName()) || !this.shown(q)) continue
        q.hasErrors(true)
        for (const type of new Set(q.errors.map((e) => e.getErrorType()))) {
          if (type === 'otherempty' && invalid.has(q.getValueName() + COMMENT)) continue
          const required = ['required', 'requiredinallrowserror', 'otherempty'].includes(type)
          verdict.push(`${q.getValueName()}|${required ? 'required' : `survey-core ${type}`}`)
        }
      }
    }
    return [...new Set(verdict)].sort()
  }

  validValue(g: Gen, q: Question): unknown {
    const required = q.isRequired
    switch (q.getType()) {
      case 'radiogroup':
      case 'dropdown':
        return pick<any>(g, q$(q).visibleChoices).value
      case 'checkbox': {
        const values: unknown[] = q$(q).visibleChoices.map((c: any) => c.value)
        const none = q$(q).showNoneItem ? q$(q).noneItem.value : undefined
        if (none !== undefined && chance(g, 15)) return [none]
        const optional = values.filter((v) => v !== none)
        const chosen = optional.filter(() => chance(g, 40))
        return chosen.length > 0 || !required ? chosen : [pick(g, optional)]
      }
      case 'rating':
        return pick<any>(g, q$(q).visibleRateValues).value
      case 'boolean':
        return pick(g, [q$(q).getValueTrue(), q$(q).getValueFalse()])
      case 'matrix': {
        const rows: any[] = q$(q).rows
        const value: Answers = {}
        for (const row of rows) {
          if (q$(q).eachRowRequired || chance(g, 60))
            value[String(row.value)] = pick<any>(g, q$(q).columns).value
        }
        if (Object.keys(value).length === 0 && required)
          value[String(rows[0].value)] = q$(q).columns[0].value
        return value
      }
      default: {
        const type = q$(q).inputType
        if (type === 'number' || type === 'range') {
          const min = typeof q$(q).min === 'number' ? q$(q).min : -1000
          const max = typeof q$(q).max === 'number' ? q$(q).max : 1000
          return g(fc.integer, { min: Math.ceil(min), max: Math.floor(max) })
        }
        if (type === 'email') return `${g(fc.stringMatching, /^[a-z]{1,8}$/)}@example.dk`
        const cap = this.cap(q$(q).getMaxLength())
        const text = chance(g, 10)
          ? 'æ'.repeat(cap)
          : g(fc.string, { unit: 'grapheme', maxLength: 40 })
        return required && text.trim() === '' ? 'svar' : text.slice(0, cap)
      }
    }
  }

  /** Gives `q` a valid answer in `answers`, with the text of "Other" when it is chosen. */
  answer(g: Gen, q: Question, answers: Answers): void {
    const value = this.validValue(g, q)
    answers[q.getValueName()] = value
    const other = q$(q).showOtherItem ? q$(q).otherItem.value : undefined
    if (other !== undefined && [value].flat().includes(other)) {
      const long = chance(g, 10)
      answers[q.getValueName() + COMMENT] = long
        ? 'x'.repeat(this.cap(q.getOthersMaxLength()))
        : 'anden'
    }
  }

  forget(q: Question, answers: Answers): void {
    delete answers[q.getValueName()]
    delete answers[q.getValueName() + COMMENT]
  }

  /**
   * A pupil's answers. Complete: every question answered or skipped (required ones always), then
   * hidden answers dropped and missing ones given until survey-core finds nothing to add; where
   * values are computed, survey-core's own completion clears the hidden ones, as in the browser.
   * Draft: answers up to some page, hidden ones kept (the pupil may change back).
   */
  generateValid(g: Gen, mode: AnswerMode): Answers {
    const answers: Answers = {}
    const last = mode === 'draft' ? g(fc.nat, { max: this.model.pages.length - 1 }) : Infinity
    for (const [index, page] of this.model.pages.entries()) {
      if (index > last) break
      for (const q of page.questions) {
        if (ANSWERABLE.includes(q.getType()) && (q.isRequired || chance(g, 75)))
          this.answer(g, q, answers)
      }
    }
    for (let round = 0; mode === 'complete' && round < 10; round++) {
      this.load(answers)
      let changed = false
      for (const q of this.answerable) {
        const hasAnswer = Object.hasOwn(answers, q.getValueName())
        if (!this.shown(q) && hasAnswer) this.forget(q, answers)
        else if (this.shown(q) && this.checked.includes(q) && q.hasErrors(false)) {
          this.answer(g, q, answers)
        } else continue
        changed = true
      }
      if (!changed) break
    }
    if (!this.computes) return answers
    this.load(answers)
    // survey-core's own completion clears what is hidden, computed values included.
    if (mode === 'complete') this.model.doComplete()
    const data = json(this.model.data)
    if (mode === 'complete') this.model.clear(false, true)
    this.loaded = JSON.stringify(data)
    return data
  }

  invalidValues(q: Question, key: string): unknown[] {
    const first = (list: any[]) => list[0]?.value
    const base: unknown[] = [null, [[]], 'x'.repeat(2001), true, 12345, -0.5, 'not a value']
    switch (key === q.getValueName() ? q.getType() : 'other-text') {
      case 'radiogroup':
      case 'dropdown':
      case 'rating': {
        const v = first(q$(q).visibleChoices)
        return [...base, String(v), `${v} `, typeof v === 'number' ? v + 1000 : 'x' + v, [v]]
      }
      case 'checkbox': {
        const v = first(q$(q).visibleChoices)
        return [v, [v, v], [v, 'not a choice'], [null], { v }, ['none', v]]
      }
      case 'boolean':
        return ['true', 1, 0, null, [true]]
      case 'matrix': {
        const row = String(first(q$(q).rows))
        const col = first(q$(q).columns)
        return [[{}], 'text', { [`${row}x`]: col }, { [row]: 'not a column' }, { [row]: [col] }]
      }
      case 'expression':
        return ['tampered', 12345, null]
      default:
        return [
          ...base,
          -1e9,
          1e9,
          '12',
          'not-an-email',
          'a@b',
          'x'.repeat(
            this.cap(key === q.getValueName() ? q$(q).getMaxLength() : q.getOthersMaxLength()) + 1,
          ),
        ]
    }
  }
}

type Mutation = 'drop-required' | 'out-of-domain' | 'unknown-key' | 'answer-hidden'

/**
 * Breaks a valid response one way; returns the answers and the key to blame. `shown` is which
 * questions survey-core showed for the valid response.
 */
function mutate(
  g: Gen,
  oracle: SurveyCoreOracle,
  answers: Answers,
  mode: AnswerMode,
  shown: ReadonlySet<Question>,
): [Answers, string] {
  const mutated = json(answers)
  const kinds: Mutation[] = ['out-of-domain', 'unknown-key']
  if (mode === 'complete') kinds.push('drop-required', 'answer-hidden')
  const kind = pick(g, kinds)
  if (kind === 'drop-required') {
    // A required answer, a row of an all-rows matrix, or the text of a chosen "Other".
    const has = (key: string) => Object.hasOwn(answers, key)
    const candidates = oracle.checked.filter(
      (q) =>
        shown.has(q) &&
        has(q.getValueName()) &&
        (q.isRequired || q$(q).eachRowRequired || has(q.getValueName() + COMMENT)),
    )
    if (candidates.length > 0) {
      const q = pick(g, candidates)
      const name = q.getValueName()
      const otherText = name + COMMENT
      if (has(otherText) && (!q.isRequired || chance(g, 50))) delete mutated[otherText]
      else if (q$(q).eachRowRequired && chance(g, 70)) {
        delete (mutated[name] as Answers)[pick(g, Object.keys(mutated[name] as Answers))]
      } else delete mutated[name]
      return [mutated, name]
    }
  }
  if (kind === 'answer-hidden') {
    const candidates = oracle.answerable.filter((q) => !shown.has(q))
    if (candidates.length > 0) {
      const q = pick(g, candidates)
      mutated[q.getValueName()] = oracle.validValue(g, q)
      return [mutated, q.getValueName()]
    }
  }
  if (kind === 'out-of-domain') {
    const key = pick(g, [...oracle.questions.keys(), ...oracle.otherTexts.keys()])
    const q = (oracle.questions.get(key) ?? oracle.otherTexts.get(key)) as Question
    const broken = oracle
      .invalidValues(q, key)
      .filter((v) => oracle.domainReason(q, key, v) !== undefined)
    if (broken.length > 0) {
      mutated[key] = pick(g, broken)
      return [mutated, key]
    }
  }
  const names = [...oracle.questions.keys()]
  const unknown = [
    ...['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'nonsense', ''],
    ...oracle.nonValueNames,
    ...names.flatMap((n) => [n.toUpperCase(), `${n} `, `${n}${COMMENT}`, `${n}.x`]),
  ].filter((key) => !oracle.isKnown(key))
  const key = pick(g, unknown)
  // defineProperty, so that "__proto__" becomes an own key as JSON.parse makes it.
  Object.defineProperty(mutated, key, {
    value: pick(g, [1, 'a', true]),
    enumerable: true,
    writable: true,
    configurable: true,
  })
  return [mutated, key]
}

function verdictOf(validator: AnswerValidator, answers: Answers, mode: AnswerMode): string[] {
  return validator
    .validate(answers, mode)
    .map((p) => `${p.question}|${p.reason}`)
    .sort()
}

const MUTATIONS_PER_RESPONSE = 3
/**
 * Responses generated per definition, each also broken MUTATIONS_PER_RESPONSE ways: fewer where
 * survey-core is slow (one data load costs 1–16 ms), so that the file runs in about 10 s.
 */
const RUNS: Record<string, number> = {
  'our questionnaire': 100,
  'constructs none of them uses': 120,
  'charity-governance-ratings.json': 60,
  'lms-impact-students.json': 150,
}

function agreementSuite(name: string, definition: Record<string, unknown>): void {
  const runs = RUNS[name] ?? 200
  describe(name, () => {
    const validator = compileAnswerValidator(definition)
    const oracle = new SurveyCoreOracle(definition)
    const samples = runs * (1 + MUTATIONS_PER_RESPONSE)

    it(`agrees with survey-core on ${samples} valid and broken responses`, () => {
      fc.assert(
        fc.property(fc.gen(), fc.constantFrom<AnswerMode>('complete', 'draft'), (g, mode) => {
          const valid = oracle.generateValid(g, mode)
          expect(oracle.verdict(valid, mode), 'survey-core accepts the generated response').toEqual(
            [],
          )
          expect(verdictOf(validator, valid, mode)).toEqual([])

          // Break it only after reading what survey-core shows for the valid answers.
          const shown = new Set(oracle.answerable.filter((q) => oracle.shown(q)))
          const broken = Array.from({ length: MUTATIONS_PER_RESPONSE }, () =>
            mutate(g, oracle, valid, mode, shown),
          )
          for (const [answers, blamed] of broken) {
            const verdict = verdictOf(validator, answers, mode)
            expect(
              verdict.some((entry) => entry.startsWith(`${blamed}|`)),
              `${blamed} is blamed`,
            ).toBe(true)
            expect(verdict).toEqual(oracle.verdict(answers, mode))
          }
        }),
        // Shrinking replays survey-core thousands of times; the failing response is printed anyway.
        { numRuns: runs, seed, endOnFailure: true },
      )
    })
  })
}

const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8'))

/** What neither our questionnaire nor the fixtures use, but the validator claims to support. */
const OTHER_CONSTRUCTS = {
  maxTextLength: 30,
  calculatedValues: [
    { name: 'ageNextYear', expression: '{age} + 1', includeIntoResult: true },
    { name: 'isAdult', expression: '{ageNextYear} > 18' },
  ],
  pages: [
    {
      name: 'first',
      elements: [
        { type: 'text', name: 'age', inputType: 'number', min: 10, max: 99, isRequired: true },
        { type: 'text', name: 'email', inputType: 'email' },
        { type: 'boolean', name: 'consent', valueTrue: 'yes', valueFalse: 'no', isRequired: true },
        { type: 'rating', name: 'half', rateMin: 0, rateMax: 2, rateStep: 0.5 },
        { type: 'rating', name: 'seven', rateCount: 7, rateMax: 7, rateType: 'smileys' },
      ],
    },
    {
      name: 'second',
      visibleIf: "{consent} = 'yes'",
      elements: [
        {
          type: 'panel',
          name: 'adults',
          visibleIf: '{isAdult}',
          elements: [
            {
              type: 'checkbox',
              name: 'habits',
              choices: [1, 2, 3],
              showNoneItem: true,
              showOtherItem: true,
              isRequired: true,
            },
            {
              type: 'matrix',
              name: 'grid',
              rows: ['a', 'b', 3],
              columns: [1, 2],
              isAllRowRequired: true,
            },
          ],
        },
        { type: 'comment', name: 'notes', maxLength: 10, visibleIf: '{habits} contains 2' },
        { type: 'dropdown', name: 'never', choices: ['x', 'y'], visible: false, isRequired: true },
        { type: 'expression', name: 'summary', expression: "iif({isAdult}, 'adult', 'young')" },
      ],
    },
  ],
}

agreementSuite(
  'our questionnaire',
  readJson(join(projectRoot, 'survey-definitions/ssp-7-9/questionnaire.json')),
)
agreementSuite('constructs none of them uses', OTHER_CONSTRUCTS)

describe.skipIf(!fixturesDir)('SurveyJS definitions written by others', () => {
  it('finds all four fixtures', () => expect(fixtures).toHaveLength(4))
  for (const file of fixtures) agreementSuite(file, readJson(join(fixturesDir as string, file)))
})
