import { EmailValidator, settings } from 'survey-core'
import { rateValues } from './rate-values.ts'
import { UnsupportedConstructError } from './unsupported-construct-error.ts'

type Json = Record<string, unknown>
export type Scalar = string | number | boolean

type DomainReason = 'wrong-type' | 'not-a-choice' | 'out-of-range' | 'too-long'

export interface DomainProblem {
  reason: DomainReason
  message: string
}

/** What one value-bearing question accepts, compiled once from its JSON. */
export interface AnswerDomain {
  /** Why a submitted value is not one the question can take, or undefined when it is. */
  check(value: unknown): DomainProblem | undefined
  /**
   * What survey-core's validation would still ask of a valid value (or of no value) on completion:
   * an answer when `isRequired`, every row when `isAllRowRequired`. Undefined when satisfied.
   */
  requirement(value: unknown): string | undefined
  /** Whether `requirement` can ever ask anything: skip the question on completion otherwise. */
  requires: boolean
  /** True when a valid value picks the "Other" item, whose text survey-core then requires. */
  selectsOther(value: unknown): boolean
}

/** Survey-wide text caps (`maxTextLength`, `maxCommentLength`); 0 means survey-core sets none. */
export interface TextLimits {
  maxTextLength: number
  maxCommentLength: number
}

/** Our cap where survey-core has none: a pupil's free text never needs more. */
const DEFAULT_MAX_TEXT_LENGTH = 2000

/** survey-core's fixed values of the built-in "Other" and "None" items. */
const OTHER_VALUE = 'other'
const NONE_VALUE = 'none'

/** Input types whose value is a plain string with no format survey-core checks (email aside). */
const TEXT_INPUT_TYPES = new Set(['text', 'email', 'tel', 'password', 'url'])
const emailValidator = new EmailValidator()

/**
 * Compiles the domain of a radiogroup, dropdown, checkbox, rating, boolean, text, comment or
 * matrix question.
 * @throws {UnsupportedConstructError} for a property value the domain cannot reproduce exactly.
 */
export function compileDomain(
  type: string,
  json: Json,
  where: string,
  limits: TextLimits,
): AnswerDomain {
  const required = json.isRequired === true
  switch (type) {
    case 'radiogroup':
    case 'dropdown':
    case 'checkbox':
      return selectDomain(json, where, required, type === 'checkbox')
    case 'rating':
      return choiceDomain(
        rateValues(json, where, itemValues(json.rateValues, where, 'rateValues')),
        required,
      )
    case 'boolean': {
      const values = [json.valueTrue ?? true, json.valueFalse ?? false]
      if (!values.every(isScalar))
        throw new UnsupportedConstructError(where, 'a non-scalar valueTrue/valueFalse')
      return choiceDomain(values, required)
    }
    case 'text':
      return textDomain(json, where, required, limits.maxTextLength)
    case 'comment':
      return stringDomain(maxLengthOf(json, where, limits.maxTextLength), required)
    case 'matrix':
      return matrixDomain(json, where, required)
    default:
      throw new UnsupportedConstructError(where, `question type "${type}"`)
  }
}

/** The text of an "Other" item, kept by survey-core under `<name>-Comment`. */
export function otherTextDomain(limits: TextLimits): AnswerDomain {
  const max = limits.maxCommentLength > 0 ? limits.maxCommentLength : DEFAULT_MAX_TEXT_LENGTH
  return stringDomain(max, false)
}

/** survey-core's `Question.isEmpty`: what `isRequired` refuses (strings trimmed, nested not). */
function isEmptyAnswer(value: unknown): boolean {
  return isValueEmpty(typeof value === 'string' ? value.trim() : value)
}

/** survey-core's `Helpers.isValueEmpty`. */
export function isValueEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0
  if (typeof value === 'object' && value !== null && value.constructor === Object) {
    return Object.values(value).every(isValueEmpty)
  }
  return !value && value !== 0 && value !== false
}

/** A value as a person reads it in a message, cut short if long. */
export function show(value: unknown): string {
  const text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value))
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}

const REQUIRED = 'This question must be answered.'

function requiredWhenEmpty(required: boolean): (value: unknown) => string | undefined {
  return (value) => (required && isEmptyAnswer(value) ? REQUIRED : undefined)
}

function listOf(values: readonly unknown[]): string {
  const shown = values.slice(0, 8).map(show).join(', ')
  return values.length > 8 ? `${shown}, … (${values.length} in all)` : shown
}

function notAChoice(value: unknown, choices: readonly Scalar[]): DomainProblem {
  return {
    reason: 'not-a-choice',
    message: `Answer ${show(value)} is not one of the choices (${listOf(choices)}).`,
  }
}

function wrongType(expected: string, value: unknown): DomainProblem {
  const actual =
    value === null
      ? 'null'
      : Array.isArray(value)
        ? 'a list'
        : typeof value === 'object'
          ? 'an object'
          : `a ${typeof value}`
  return { reason: 'wrong-type', message: `The answer must be ${expected}, not ${actual}.` }
}

const isScalar = (value: unknown): value is Scalar =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'

/** The values of a SurveyJS item list (`choices`, `rows`, `columns`, `rateValues`). */
function itemValues(items: unknown, where: string, property: string): Scalar[] {
  if (items === undefined) return []
  if (!Array.isArray(items)) throw new UnsupportedConstructError(where, `a non-list "${property}"`)
  return items.map((item) => {
    const value = typeof item === 'object' && item !== null ? (item as Json).value : item
    const extra = typeof item === 'object' && item !== null ? Object.keys(item) : []
    const unknown = extra.find((key) => key !== 'value' && key !== 'text')
    if (unknown !== undefined) {
      throw new UnsupportedConstructError(
        where,
        `property "${unknown}" on an item of "${property}"`,
      )
    }
    // survey-core splits "value|text" strings; nobody writes that on purpose in JSON.
    if (!isScalar(value) || String(value).includes(settings.itemValueSeparator)) {
      throw new UnsupportedConstructError(where, `the item value ${show(value)} in "${property}"`)
    }
    return value
  })
}

function choiceDomain(choices: Scalar[], required: boolean): AnswerDomain {
  const allowed = new Set<unknown>(choices)
  return {
    check: (value) => {
      if (!isScalar(value)) return wrongType('a single choice', value)
      return allowed.has(value) ? undefined : notAChoice(value, choices)
    },
    requirement: requiredWhenEmpty(required),
    requires: required,
    selectsOther: () => false,
  }
}

function selectDomain(json: Json, where: string, required: boolean, many: boolean): AnswerDomain {
  const hasOther = json.showOtherItem === true || json.hasOther === true
  const hasNone = json.showNoneItem === true || json.hasNone === true
  const choices = [
    ...itemValues(json.choices, where, 'choices'),
    ...(hasNone ? [NONE_VALUE] : []),
    ...(hasOther ? [OTHER_VALUE] : []),
  ]
  const single = choiceDomain(choices, required)
  if (!many) return { ...single, selectsOther: (value) => hasOther && value === OTHER_VALUE }
  return {
    check: (value) => {
      if (!Array.isArray(value)) return wrongType('a list of choices', value)
      for (const [index, item] of value.entries()) {
        const problem = single.check(item)
        if (problem) return problem
        if (value.indexOf(item) !== index) {
          return { reason: 'not-a-choice', message: `Answer ${show(item)} is chosen twice.` }
        }
      }
      // survey-core's checkbox unticks everything else when "None" is ticked, and vice versa.
      if (hasNone && value.length > 1 && value.includes(NONE_VALUE)) {
        return { reason: 'not-a-choice', message: `"None" cannot be chosen with other answers.` }
      }
      return undefined
    },
    requirement: single.requirement,
    requires: required,
    selectsOther: (value) => hasOther && Array.isArray(value) && value.includes(OTHER_VALUE),
  }
}

function maxLengthOf(json: Json, where: string, surveyMax: number): number {
  const own = json.maxLength ?? -1
  if (typeof own !== 'number')
    throw new UnsupportedConstructError(where, 'a non-numeric "maxLength"')
  // survey-core's Helpers.getMaxLength: -1 defers to the survey, 0 means no limit.
  const effective = own < 0 ? surveyMax : own
  return effective > 0 ? effective : DEFAULT_MAX_TEXT_LENGTH
}

function stringDomain(
  maxLength: number,
  required: boolean,
  format?: (value: string) => DomainProblem | undefined,
): AnswerDomain {
  return {
    check: (value) => {
      if (typeof value !== 'string') return wrongType('text', value)
      if (value.length > maxLength) {
        return {
          reason: 'too-long',
          message: `The answer is ${value.length} characters long; at most ${maxLength} are allowed.`,
        }
      }
      return format?.(value)
    },
    requirement: requiredWhenEmpty(required),
    requires: required,
    selectsOther: () => false,
  }
}

function textDomain(json: Json, where: string, required: boolean, surveyMax: number): AnswerDomain {
  const inputType = json.inputType ?? 'text'
  if (inputType === 'number' || inputType === 'range') return numberDomain(json, where, required)
  if (typeof inputType !== 'string' || !TEXT_INPUT_TYPES.has(inputType)) {
    throw new UnsupportedConstructError(where, `inputType ${show(inputType)}`)
  }
  for (const key of ['min', 'max']) {
    if (json[key] !== undefined)
      throw new UnsupportedConstructError(where, `"${key}" on a text input`)
  }
  const email = (value: string): DomainProblem | undefined =>
    // The same check survey-core makes of an email input before the page can be left.
    emailValidator.validate(value) === null
      ? undefined
      : { reason: 'wrong-type', message: `${show(value)} is not an e-mail address.` }
  return stringDomain(
    maxLengthOf(json, where, surveyMax),
    required,
    inputType === 'email' ? email : undefined,
  )
}

function numberDomain(json: Json, where: string, required: boolean): AnswerDomain {
  const bound = (key: 'min' | 'max'): number | undefined => {
    const value = json[key]
    if (value === undefined) return undefined
    if (typeof value !== 'number')
      throw new UnsupportedConstructError(where, `a non-numeric "${key}"`)
    return value
  }
  const min = bound('min')
  const max = bound('max')
  return {
    check: (value) => {
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrongType('a number', value)
      if (min !== undefined && value < min) {
        return { reason: 'out-of-range', message: `Answer ${value} is below the minimum ${min}.` }
      }
      if (max !== undefined && value > max) {
        return { reason: 'out-of-range', message: `Answer ${value} is above the maximum ${max}.` }
      }
      return undefined
    },
    requirement: requiredWhenEmpty(required),
    requires: required,
    selectsOther: () => false,
  }
}

function matrixDomain(json: Json, where: string, required: boolean): AnswerDomain {
  const rowValues = itemValues(json.rows, where, 'rows')
  const rows = new Set(rowValues.map(String))
  const columns = itemValues(json.columns, where, 'columns')
  const column = choiceDomain(columns, false)
  const eachRow = json.isAllRowRequired === true || json.eachRowRequired === true
  return {
    check: (value) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return wrongType('an object of row: column', value)
      }
      for (const [row, cell] of Object.entries(value)) {
        if (!rows.has(row)) {
          return {
            reason: 'not-a-choice',
            message: `Row ${show(row)} is not one of the rows (${listOf(rowValues)}).`,
          }
        }
        const problem = column.check(cell)
        if (problem) return { ...problem, message: `Row ${show(row)}: ${problem.message}` }
      }
      return undefined
    },
    requirement: (value) => {
      if (required && isEmptyAnswer(value)) return REQUIRED
      if (!eachRow) return undefined
      const answers = (value ?? {}) as Record<string, unknown>
      const missing = [...rows].filter(
        (row) => !Object.hasOwn(answers, row) || isValueEmpty(answers[row]),
      )
      return missing.length > 0
        ? `Every row must be answered; missing: ${listOf(missing)}.`
        : undefined
    },
    requires: required || eachRow,
    selectsOther: () => false,
  }
}
