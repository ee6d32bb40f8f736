import {
  ConditionRunner,
  ConditionsParser,
  ExpressionRunner,
  type FunctionOperand,
} from 'survey-core'
import { type DomainProblem, isValueEmpty, show } from './answer-domains.ts'
import { UnsupportedConstructError } from './unsupported-construct-error.ts'

type Json = Record<string, unknown>

/**
 * survey-core functions whose result depends only on their arguments. The rest read the survey
 * object (`displayValue`, `propertyValue`, `isContainerReady`…) or the browser's clock and time
 * zone (`today`, `age`, `year`…), so the server could not reproduce what the pupil saw.
 */
const PURE_FUNCTIONS = new Set(
  ['iif', 'sum', 'min', 'max', 'count', 'avg', 'round', 'trunc', 'substring']
    .concat(['sumInArray', 'minInArray', 'maxInArray', 'countInArray', 'avgInArray'])
    .map((name) => name.toLowerCase()),
)

/** Variables survey-core answers itself before looking at any value. */
const BUILT_IN_VARIABLES = new Set(
  ['pageno', 'pagecount', 'locale', 'questioncount', 'correctanswers', 'incorrectanswers']
    .concat(['correctedanswers', 'correctedanswercount', 'incorrectedanswers'])
    .concat(['incorrectedanswercount']),
)

/**
 * The values expressions may read (answer keys and calculated values), found as survey-core finds
 * them: case-insensitively, the longest dotted prefix first (`{matrix.row 1}` reads `matrix`).
 */
export class ValueNames {
  private readonly byLowerCase = new Map<string, string>()
  /** Every name an expression resolved to: the only values conditions need to be given. */
  readonly read = new Set<string>()

  add(name: string, where: string): void {
    const other = this.byLowerCase.get(name.toLowerCase())
    if (other !== undefined) {
      throw new UnsupportedConstructError(
        where,
        `the name "${name}", which survey-core's expressions cannot tell from "${other}"`,
      )
    }
    this.byLowerCase.set(name.toLowerCase(), name)
  }

  resolve(variable: string): string | undefined {
    const parts = variable.toLowerCase().split('.')
    if (parts.length === 1 && BUILT_IN_VARIABLES.has(parts[0] as string)) return undefined
    for (let count = parts.length; count > 0; count--) {
      const prefix = parts
        .slice(0, count)
        .join('.')
        .replace(/\[-?\d+\]$/, '')
      const name = this.byLowerCase.get(prefix)
      if (name !== undefined) {
        this.read.add(name)
        return name
      }
    }
    return undefined
  }
}

/** A variable an expression reads, and the answer key or calculated value it resolves to. */
export interface Reference {
  variable: string
  name: string
}

/**
 * Parses an expression and returns what it reads.
 * @throws {UnsupportedConstructError} if it does not parse, calls an impure function, or reads a
 *   value that is neither an answer nor a calculated value.
 */
export function vetExpression(expression: unknown, where: string, names: ValueNames): Reference[] {
  if (typeof expression !== 'string' || expression.trim() === '') {
    throw new UnsupportedConstructError(where, `the expression ${JSON.stringify(expression)}`)
  }
  const operand = new ConditionsParser().parseExpression(expression)
  if (!operand) {
    throw new UnsupportedConstructError(
      where,
      `the expression "${expression}", which does not parse`,
    )
  }
  operand.toString((op) => {
    const name = op.getType() === 'function' ? (op as FunctionOperand).functionName : undefined
    if (name !== undefined && !PURE_FUNCTIONS.has(name.toLowerCase())) {
      throw new UnsupportedConstructError(where, `the function ${name}() in "${expression}"`)
    }
    return ''
  })
  const variables: string[] = []
  operand.setVariables(variables)
  return variables.map((variable) => {
    const name = names.resolve(variable)
    if (name === undefined) {
      throw new UnsupportedConstructError(
        where,
        `{${variable}} in "${expression}", which is neither a question nor a calculated value`,
      )
    }
    return { variable, name }
  })
}

/** A condition compiled once, run on each submission's values. */
export function compileCondition(
  expression: string,
  where: string,
  names: ValueNames,
): ConditionRunner {
  vetExpression(expression, where, names)
  return new ConditionRunner(expression)
}

export interface Calculation {
  name: string
  runner: ExpressionRunner
  /** survey-core then puts the result into the survey's data, so the browser sends it. */
  includeIntoResult: boolean
}

/**
 * Compiles `calculatedValues` into the order survey-core computes them: each after the ones it
 * names, as `CalculatedValue.doCalculation` does. Their names must already be in `names`.
 * @throws {UnsupportedConstructError} for cycles, a reference by another spelling (survey-core
 *   then reads a stale value), or a reference to an expression question.
 */
export function compileCalculations(
  definitions: Json[],
  names: ValueNames,
  expressionQuestions: ReadonlySet<string>,
): Calculation[] {
  const byName = new Map(definitions.map((d) => [d.name as string, d]))
  const ordered: Calculation[] = []
  const state = new Map<string, 'running' | 'done'>()
  const visit = (definition: Json): void => {
    const name = definition.name as string
    const where = `calculated value "${name}"`
    if (state.get(name) === 'done') return
    if (state.get(name) === 'running') {
      throw new UnsupportedConstructError(where, 'a cycle of calculated values')
    }
    state.set(name, 'running')
    for (const key of Object.keys(definition)) {
      if (!['name', 'expression', 'includeIntoResult'].includes(key)) {
        throw new UnsupportedConstructError(where, `property "${key}"`)
      }
    }
    for (const { variable, name: read } of vetExpression(definition.expression, where, names)) {
      if (expressionQuestions.has(read)) {
        throw new UnsupportedConstructError(
          where,
          `a reference to the expression question "${read}"`,
        )
      }
      const dependency = byName.get(read)
      if (dependency === undefined) continue
      // survey-core computes a dependency first only when it is named exactly.
      if (variable !== read) {
        throw new UnsupportedConstructError(where, `{${variable}}, spelt unlike "${read}"`)
      }
      visit(dependency)
    }
    ordered.push({
      name,
      runner: new ExpressionRunner(definition.expression as string),
      includeIntoResult: definition.includeIntoResult === true,
    })
    state.set(name, 'done')
  }
  definitions.forEach(visit)
  return ordered
}

/**
 * An expression question's or included calculated value's answer must be what survey-core puts
 * into the data: the computed value as JSON, absent when survey-core leaves it out (`undefined`
 * for a calculated value, any empty value for a question).
 */
export function computedAnswerProblem(
  answer: unknown,
  computed: unknown,
  presentWhen: 'defined' | 'non-empty',
): DomainProblem | undefined {
  const absent = presentWhen === 'defined' ? computed === undefined : isValueEmpty(computed)
  const json = absent ? undefined : JSON.stringify(computed)
  const expected: unknown = json === undefined ? undefined : JSON.parse(json)
  if (sameJson(answer, expected)) return undefined
  return {
    reason: 'not-a-choice',
    message:
      expected === undefined
        ? 'The questionnaire computes no value here, so none may be sent.'
        : `The questionnaire computes ${show(expected)} here, not ${show(answer)}.`,
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  const keys = Object.keys(left)
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && sameJson(left[key], right[key]))
  )
}
