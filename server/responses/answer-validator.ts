import { type ConditionRunner, ExpressionRunner, settings } from 'survey-core'
import { type AnswerDomain, compileDomain, otherTextDomain } from './answer-domains.ts'
import { type Gate, walkSurvey } from './survey-elements.ts'
import {
  type Calculation,
  compileCalculations,
  compileCondition,
  computedAnswerProblem,
  ValueNames,
  vetExpression,
} from './survey-expressions.ts'
import { UnsupportedConstructError } from './unsupported-construct-error.ts'

export { UnsupportedConstructError }

/**
 * 'draft' checks each answer on its own; 'complete' also refuses answers to questions that are
 * not shown (the browser's survey-core clears them on completion, `clearInvisibleValues:
 * 'onComplete'`) and requires every shown `isRequired` question. A draft may hold answers to
 * questions a later change hid: the pupil may still change back.
 */
export type AnswerMode = 'draft' | 'complete'

export interface AnswerProblem {
  /** The answer key at fault: a question's name, or `<name>-Comment` for its "Other" text. */
  question: string
  reason:
    | 'unknown-question'
    | 'wrong-type'
    | 'not-a-choice'
    | 'out-of-range'
    | 'too-long'
    | 'hidden'
    | 'required'
  /** Plain English a person can act on. */
  message: string
}

export interface AnswerValidator {
  /** Names of the questions that hold answers. */
  questionNames: ReadonlySet<string>
  /** The problems of one submission; `[]` when it may be saved. */
  validate(answers: Record<string, unknown>, mode: AnswerMode): AnswerProblem[]
}

interface Question {
  name: string
  /** Indexes into the validator's gates; all must be open for the question to be shown. */
  gates: number[]
  /** Absent for an expression question, whose only valid value is the one it computes. */
  domain?: AnswerDomain
  formula?: ExpressionRunner
  otherKey?: string
}

type Key =
  | { kind: 'answer' | 'other' | 'formula'; question: Question }
  | { kind: 'calculation'; name: string }

/** Names that would reach `Object.prototype`: never a question, always an unknown key. */
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * Compiles a SurveyJS definition once into a validator that checks a submission in
 * microseconds, agreeing with survey-core on which answers are allowed, which questions are
 * shown and which are required. survey-core's expression engine evaluates the conditions.
 * @throws {UnsupportedConstructError} naming the question (or page) and the construct, for
 *   anything the validator would not check exactly as survey-core does.
 * @example
 * compileAnswerValidator({ elements: [{ type: 'rating', name: 'q' }] }).validate({ q: 7 }, 'draft')
 * // → [{ question: 'q', reason: 'not-a-choice', message: 'Answer 7 is not one of the choices (1, 2, 3, 4, 5).' }]
 */
export function compileAnswerValidator(survey: Record<string, unknown>): AnswerValidator {
  const walked = walkSurvey(survey)
  const names = new ValueNames()
  const keys = new Map<string, Key>()
  const addKey = (name: string, key: Key, where: string): void => {
    if (RESERVED_NAMES.has(name) || keys.has(name)) {
      throw new UnsupportedConstructError(where, `the name "${name}" (reserved or used twice)`)
    }
    names.add(name, where)
    keys.set(name, key)
  }

  const gateIndexes = new Map<Gate, number>()
  const gateSources: Gate[] = []
  const questions: Question[] = []
  for (const walkedQuestion of walked.questions) {
    const { name, type, json, where } = walkedQuestion
    const gates = walkedQuestion.gates.map((gate) => {
      if (!gateIndexes.has(gate)) gateIndexes.set(gate, gateSources.push(gate) - 1)
      return gateIndexes.get(gate) as number
    })
    const question: Question = { name, gates }
    if (type === 'expression') {
      addKey(name, { kind: 'formula', question }, where)
    } else {
      question.domain = compileDomain(type, json, where, walked.limits)
      addKey(name, { kind: 'answer', question }, where)
      if (json.showOtherItem === true || json.hasOther === true) {
        question.otherKey = `${name}${settings.commentSuffix}`
        addKey(question.otherKey, { kind: 'other', question }, where)
      }
    }
    questions.push(question)
  }
  for (const calculation of walked.calculatedValues) {
    const where = `calculated value ${JSON.stringify(calculation.name)}`
    if (typeof calculation.name !== 'string' || calculation.name === '') {
      throw new UnsupportedConstructError(where, 'a missing name')
    }
    if (calculation.includeIntoResult === true) {
      addKey(calculation.name, { kind: 'calculation', name: calculation.name }, where)
    } else if (RESERVED_NAMES.has(calculation.name)) {
      throw new UnsupportedConstructError(where, `the name "${calculation.name}" (reserved)`)
    } else {
      names.add(calculation.name, where)
    }
  }

  const formulaNames = new Set(questions.filter((q) => !q.domain).map((q) => q.name))
  const calculations = compileCalculations(walked.calculatedValues, names, formulaNames)
  const formulas = walked.questions.filter((q) => q.type === 'expression')
  for (const formula of formulas) {
    for (const { name } of vetExpression(formula.json.expression, formula.where, names)) {
      // survey-core computes expression questions in page order, each from the others' last values.
      if (formulaNames.has(name)) {
        throw new UnsupportedConstructError(
          formula.where,
          `a reference to the expression question "${name}"`,
        )
      }
    }
    const question = questions.find((q) => q.name === formula.name) as Question
    question.formula = new ExpressionRunner(formula.json.expression as string)
  }
  const conditions: (ConditionRunner | boolean)[] = gateSources.map((gate) =>
    gate.visibleIf === undefined
      ? gate.visible
      : compileCondition(gate.visibleIf, gate.where, names),
  )
  const formulaQuestions = questions.filter((q) => q.formula !== undefined)
  // Conditions are given only the answers they read: survey-core looks a variable up by walking
  // every key of the values, so fewer keys make each lookup cheaper.
  const readAnswers = [...names.read].filter((name) => {
    const kind = keys.get(name)?.kind
    return kind === 'answer' || kind === 'other'
  })
  const requiring = questions.filter((q) => q.domain?.requires === true || q.otherKey !== undefined)
  const computes = calculations.length > 0 || formulaNames.size > 0
  const hasConditions = conditions.some((c) => typeof c !== 'boolean')
  const otherText = otherTextDomain(walked.limits)

  return {
    questionNames: new Set(questions.map((q) => q.name)),
    validate(answers, mode) {
      const problems: AnswerProblem[] = []
      const invalid = new Set<string>()
      const report = (question: string, problem: Omit<AnswerProblem, 'question'>): void => {
        problems.push({ question, reason: problem.reason, message: problem.message })
        invalid.add(question)
      }
      const values =
        computes || (mode === 'complete' && hasConditions)
          ? conditionValues(answers, readAnswers, calculations, formulaQuestions)
          : {}
      const gateStates = new Int8Array(conditions.length)
      const isShown = (question: Question): boolean =>
        question.gates.every((index) => {
          if (gateStates[index] === 0) {
            const condition = conditions[index] as ConditionRunner | boolean
            const open = typeof condition === 'boolean' ? condition : condition.runValues(values)
            gateStates[index] = open ? 1 : 2
          }
          return gateStates[index] === 1
        })

      for (const key of Object.keys(answers)) {
        const role = keys.get(key)
        const value = answers[key]
        if (role === undefined) {
          report(key, {
            reason: 'unknown-question',
            message: `There is no question ${JSON.stringify(key)} in this questionnaire.`,
          })
        } else if (role.kind === 'calculation') {
          const problem = computedAnswerProblem(value, values[role.name], 'defined')
          if (problem) report(key, problem)
        } else if (mode === 'complete' && !isShown(role.question)) {
          report(key, {
            reason: 'hidden',
            message:
              'This question is not shown for the answers given, so it must not be answered.',
          })
        } else {
          const domain = role.kind === 'other' ? otherText : role.question.domain
          const problem =
            role.kind === 'formula'
              ? computedAnswerProblem(value, values[key], 'non-empty')
              : domain?.check(value)
          if (problem) report(key, problem)
        }
      }
      if (mode === 'draft') return problems

      for (const question of requiring) {
        const { name, domain, otherKey } = question
        if (!domain || invalid.has(name) || !isShown(question)) continue
        const value = ownValue(answers, name)
        const unmet = domain.requirement(value)
        if (unmet !== undefined) {
          report(name, { reason: 'required', message: unmet })
        } else if (
          otherKey &&
          domain.selectsOther(value) &&
          !invalid.has(otherKey) &&
          !ownValue(answers, otherKey)
        ) {
          // survey-core's OtherEmptyError, raised whether or not the question is required.
          report(name, {
            reason: 'required',
            message: `"Other" is chosen, so its text (${otherKey}) must be filled in.`,
          })
        }
      }
      return problems
    },
  }
}

function ownValue(answers: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(answers, key) ? answers[key] : undefined
}

/**
 * What conditions see, as in survey-core: the answers (hidden ones too, until completion clears
 * them), then the calculated values, then what expression questions compute from both.
 */
function conditionValues(
  answers: Record<string, unknown>,
  readAnswers: readonly string[],
  calculations: readonly Calculation[],
  formulaQuestions: readonly Question[],
): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const key of readAnswers) if (Object.hasOwn(answers, key)) values[key] = answers[key]
  for (const { name, runner } of calculations) values[name] = runner.runValues(values)
  for (const { name, formula } of formulaQuestions) {
    const value: unknown = (formula as ExpressionRunner).runValues(values)
    // survey-core's QuestionExpressionModel.roundValue
    values[name] = value === Infinity ? undefined : value
  }
  return values
}
