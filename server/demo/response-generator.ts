import { ConditionRunner } from 'survey-core'
import { listQuestions, type QuestionInfo } from '../../survey-definitions/definition-check.ts'
import type { FactorSpec, ScoringSpec } from '../../survey-definitions/scoring-spec.ts'
import type { SeededRandom } from './seeded-random.ts'

/**
 * Synthetic but realistic answers for any questionnaire with a scoring spec. Each pupil has a
 * few correlated latent traits; the spec says which items express which trait, so answers
 * correlate the way the domain expects (e.g. low parental monitoring goes with more drinking)
 * without this code knowing any item name.
 */
export interface PupilTraits {
  grade: number
  /** General propensity for risk behaviour (standard normal, shifted by school and year). */
  risk: number
  /** Support from family and school. */
  support: number
  /** Belonging among peers. */
  belonging: number
  /** Mental wellbeing. */
  wellbeing: number
}

export interface GeneratedResponse {
  answers: Record<string, number>
  completionSeconds: number
  /** What the generator deliberately made invalid, for tests of validity rules. */
  plantedProblems: string[]
}

type Role =
  | { kind: 'factor'; factor: FactorSpec; reverse: boolean }
  | { kind: 'indicator'; counted: number[]; polarity: 'higher-is-worse' | 'higher-is-better' }
  | { kind: 'who5' }
  | { kind: 'grade' }
  | { kind: 'honesty'; flagged: number[] }
  | { kind: 'fictitious'; flagged: number[] }
  | { kind: 'other' }

interface PlannedQuestion extends QuestionInfo {
  role: Role
  conditions: ConditionRunner[]
}

export interface GeneratorModel {
  questions: PlannedQuestion[]
  spec: ScoringSpec
  straightLiningPages: string[]
}

/** Prepares a questionnaire for generation once; generation itself is then cheap. */
export function compileGenerator(
  survey: Record<string, unknown>,
  spec: ScoringSpec,
): GeneratorModel {
  const roles = new Map<string, Role>()
  for (const indicator of spec.indicators) {
    roles.set(indicator.item, {
      kind: 'indicator',
      counted: indicator.countedValues,
      polarity: indicator.polarity,
    })
  }
  for (const factor of spec.factors) {
    for (const item of factor.items)
      roles.set(item.item, { kind: 'factor', factor, reverse: item.reverse === true })
  }
  for (const item of spec.who5.items) roles.set(item, { kind: 'who5' })
  roles.set(spec.background.gradeItem, { kind: 'grade' })
  roles.set(spec.validity.honesty.item, {
    kind: 'honesty',
    flagged: spec.validity.honesty.flaggedValues,
  })
  roles.set(spec.validity.fictitiousDrug.item, {
    kind: 'fictitious',
    flagged: spec.validity.fictitiousDrug.flaggedValues,
  })
  const questions = listQuestions(survey)
    .filter((q) => q.values.length > 0)
    .map((q) => ({
      ...q,
      role: roles.get(q.name) ?? ({ kind: 'other' } as const),
      conditions: q.visibleIf.map((expression) => new ConditionRunner(expression)),
    }))
  return { questions, spec, straightLiningPages: spec.validity.straightLining.pages }
}

const logistic = (x: number): number => 1 / (1 + Math.exp(-x))

/** Normal CDF (Abramowitz–Stegun 7.1.26), good enough to turn a latent score into a share. */
function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2)
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(x * x) / 2)
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2
}

/** Picks one of `values` (sorted ascending) from a share in [0, 1). */
const valueAt = (values: number[], share: number): number =>
  values[Math.min(values.length - 1, Math.max(0, Math.floor(share * values.length)))] as number

function factorLatent(factor: FactorSpec, pupil: PupilTraits): number {
  if (factor.kind === 'risk') {
    return factor.domain === 'family' ? 0.6 * pupil.risk - 0.5 * pupil.support : pupil.risk
  }
  if (factor.domain === 'peers-individual') return pupil.belonging
  if (factor.domain === 'leisure-community') return 0.6 * pupil.support - 0.3 * pupil.risk
  return pupil.support
}

function answerFor(question: PlannedQuestion, pupil: PupilTraits, rng: SeededRandom): number {
  const values = [...question.values].sort((a, b) => a - b)
  const role = question.role
  switch (role.kind) {
    case 'grade':
      return values.includes(pupil.grade) ? pupil.grade : valueAt(values, rng.next())
    case 'factor': {
      const { factor } = role
      // Protective factors are present for most pupils, risk factors for a minority.
      const bias = factor.kind === 'protective' ? 0.7 : -0.8
      const share = normalCdf(bias + 0.9 * factorLatent(factor, pupil) + 0.55 * rng.normal())
      // A high latent means "more of the factor": its cut-point side, whichever direction it has.
      const towardsCut = factor.direction === '>=' ? share : 1 - share
      const value = valueAt(values, towardsCut)
      return role.reverse ? factor.scale.max + factor.scale.min - value : value
    }
    case 'indicator': {
      const counted = values.filter((v) => role.counted.includes(v))
      const notCounted = values.filter((v) => !role.counted.includes(v))
      const p =
        role.polarity === 'higher-is-worse'
          ? logistic(-2.3 + 1.3 * pupil.risk + 0.5 * (pupil.grade - 8) - 0.3 * pupil.support)
          : logistic(1.6 + 0.9 * pupil.support + 0.4 * pupil.belonging)
      const pool = rng.chance(p) ? counted : notCounted
      if (pool.length === 0) return valueAt(values, rng.next())
      // Within a side, lower frequencies are more common than higher ones.
      return pool[Math.min(pool.length - 1, Math.floor(rng.next() ** 1.8 * pool.length))] as number
    }
    case 'who5':
      return valueAt(values, normalCdf(0.55 + 0.9 * pupil.wellbeing + 0.45 * rng.normal()))
    case 'honesty': {
      const honest = values.filter((v) => !role.flagged.includes(v))
      return honest.length > 0
        ? valueAt(honest, normalCdf(1.2 + 0.6 * rng.normal()))
        : valueAt(values, rng.next())
    }
    case 'fictitious': {
      const unused = values.filter((v) => !role.flagged.includes(v))
      return unused[0] ?? valueAt(values, rng.next())
    }
    case 'other':
      // Unmodelled items: mostly the lower half (frequencies), with some spread.
      return valueAt(values, normalCdf(-0.3 + 0.4 * pupil.risk + 0.8 * rng.normal()))
  }
}

const isVisible = (question: PlannedQuestion, answers: Record<string, number>): boolean =>
  question.conditions.every((condition) => condition.runValues(answers))

export interface GenerateOptions {
  /** Share of optional items a pupil skips. */
  skipRate?: number
  /** Chances of deliberately invalid responses (for validity rules); 0 disables each. */
  dishonestRate?: number
  fictitiousDrugRate?: number
  impossibleRate?: number
  straightLiningRate?: number
  tooFastRate?: number
}

const defaults: Required<GenerateOptions> = {
  skipRate: 0.02,
  dishonestRate: 0.01,
  fictitiousDrugRate: 0.006,
  impossibleRate: 0.004,
  straightLiningRate: 0.008,
  tooFastRate: 0.01,
}

/** One pupil's complete response: every visible required item answered, hidden items absent. */
export function generateResponse(
  model: GeneratorModel,
  pupil: PupilTraits,
  rng: SeededRandom,
  options: GenerateOptions = {},
): GeneratedResponse {
  const o = { ...defaults, ...options }
  const { validity } = model.spec
  const planted: string[] = []
  const answers: Record<string, number> = {}
  for (const question of model.questions) answers[question.name] = answerFor(question, pupil, rng)

  for (const combination of validity.impossibleCombinations) {
    const item = answers[combination.item]
    const atMost = answers[combination.atMost]
    if (item !== undefined && atMost !== undefined && item > atMost)
      answers[combination.item] = atMost
  }
  if (rng.chance(o.dishonestRate)) {
    answers[validity.honesty.item] = rng.pick(validity.honesty.flaggedValues)
    planted.push('honesty')
  }
  if (rng.chance(o.fictitiousDrugRate)) {
    answers[validity.fictitiousDrug.item] = rng.pick(validity.fictitiousDrug.flaggedValues)
    planted.push('fictitious-drug')
  }
  if (rng.chance(o.impossibleRate) && validity.impossibleCombinations.length > 0) {
    const combination = rng.pick(validity.impossibleCombinations)
    const question = model.questions.find((q) => q.name === combination.item)
    const max = question ? Math.max(...question.values) : undefined
    if (max !== undefined && (answers[combination.atMost] ?? max) < max) {
      answers[combination.item] = max
      planted.push('impossible-combination')
    }
  }
  if (rng.chance(o.straightLiningRate)) {
    for (const page of model.straightLiningPages) {
      const onPage = model.questions.filter((q) => q.page === page)
      const common = onPage.reduce<number[]>(
        (shared, q) => shared.filter((v) => q.values.includes(v)),
        onPage[0]?.values ?? [],
      )
      const value = common.length > 0 ? rng.pick(common) : undefined
      if (value !== undefined) for (const q of onPage) answers[q.name] = value
    }
    planted.push('straight-lining')
  }

  // Walk in questionnaire order so a condition sees only what the pupil could have answered.
  const shown: Record<string, number> = {}
  for (const question of model.questions) {
    const value = answers[question.name]
    if (value === undefined || !isVisible(question, shown)) continue
    if (!question.required && question.role.kind !== 'grade' && rng.chance(o.skipRate)) continue
    shown[question.name] = value
  }

  let completionSeconds = Math.round(Math.exp(6.7 + 0.35 * rng.normal()))
  if (rng.chance(o.tooFastRate)) {
    completionSeconds = rng.int(40, Math.max(41, validity.minCompletionSeconds - 1))
    planted.push('too-fast')
  }
  completionSeconds = Math.max(completionSeconds, 30)
  return { answers: shown, completionSeconds, plantedProblems: planted }
}
