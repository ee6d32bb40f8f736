import type { ScoringSpec } from '../../survey-definitions/scoring-spec.ts'
import {
  compileGenerator,
  generateResponse,
  type GeneratedResponse,
  type GenerateOptions,
} from './response-generator.ts'
import { SeededRandom } from './seeded-random.ts'

/** The fixed seed of the demo municipality: every run, test and benchmark sees the same pupils. */
export const DEMO_SEED = 20261123

export const DEMO_SCHOOL_NAMES = [
  'Havneskolen',
  'Bakkeskolen',
  'Engskolen',
  'Skovbrynet Skole',
  'Rosenhøj Skole',
  'Nørre Skole',
  'Søndervang Skole',
  'Fjordskolen',
  'Lindeskolen',
  'Møllebakken Skole',
] as const

/** The school whose pupils' risk behaviour falls year by year (a planted, real improvement). */
export const IMPROVING_SCHOOL = 'Havneskolen'

export interface DemoClass {
  id: string
  schoolIndex: number
  grade: number
  label: string
  expectedPupils: number
}

export interface DemoResponse extends GeneratedResponse {
  id: string
  classId: string
  schoolIndex: number
  grade: number
  gender: number | undefined
  /** Day of the round the pupil answered on (0-based). */
  dayOffset: number
  complete: boolean
}

export interface DemoYear {
  schoolYear: string
  classes: DemoClass[]
  responses: DemoResponse[]
}

export interface DemoDatasetOptions {
  schoolYears: string[]
  /** Share of pupils in a class who answer, per year: defaults to ~88 %. */
  responseRate?: number
  /** For a round still running: share of classes that have started answering. */
  classesStartedShare?: number[]
  seed?: number
  generate?: GenerateOptions
}

/** School effect on risk: a stable school level plus, for the improving school, a falling trend. */
function schoolShift(schoolIndex: number, yearIndex: number, years: number): number {
  const level = ((schoolIndex * 7) % 5) / 10 - 0.2
  if (DEMO_SCHOOL_NAMES[schoolIndex] !== IMPROVING_SCHOOL) return level
  return level + 0.7 * (1 - yearIndex / Math.max(1, years - 1))
}

/**
 * Generates the demo municipality's classes and responses for each school year, from the
 * questionnaire and spec alone. Pure: no database, same output for the same inputs.
 */
export function generateDemoDataset(
  survey: Record<string, unknown>,
  spec: ScoringSpec,
  options: DemoDatasetOptions,
): DemoYear[] {
  const rng = new SeededRandom(options.seed ?? DEMO_SEED)
  const model = compileGenerator(survey, spec)
  const genderValues =
    model.questions.find((q) => q.name === spec.background.genderItem)?.values ?? []
  const classCounts = DEMO_SCHOOL_NAMES.map(() => rng.int(2, 3))

  return options.schoolYears.map((schoolYear, yearIndex) => {
    const classes: DemoClass[] = []
    const responses: DemoResponse[] = []
    const startedShare = options.classesStartedShare?.[yearIndex] ?? 1
    DEMO_SCHOOL_NAMES.forEach((_, schoolIndex) => {
      for (const grade of [7, 8, 9]) {
        for (let c = 0; c < (classCounts[schoolIndex] ?? 2); c++) {
          const schoolClass: DemoClass = {
            id: rng.uuid(),
            schoolIndex,
            grade,
            label: `${grade}.${String.fromCharCode(65 + c)}`,
            expectedPupils: rng.int(18, 26),
          }
          classes.push(schoolClass)
          if (!rng.chance(startedShare)) continue
          const rate = options.responseRate ?? 0.8 + 0.15 * rng.next()
          for (let p = 0; p < schoolClass.expectedPupils; p++) {
            if (!rng.chance(rate)) continue
            const general = rng.normal()
            const risk =
              0.85 * general +
              0.5 * rng.normal() +
              0.3 * (grade - 8) +
              schoolShift(schoolIndex, yearIndex, options.schoolYears.length)
            const support = -0.45 * general + 0.85 * rng.normal()
            const belonging = 0.4 * support + 0.9 * rng.normal()
            const wellbeing = 0.45 * support + 0.35 * belonging - 0.25 * risk + 0.75 * rng.normal()
            const generated = generateResponse(
              model,
              { grade, risk, support, belonging, wellbeing },
              rng,
              options.generate,
            )
            const gender =
              genderValues.length > 0
                ? rng.chance(0.96)
                  ? valueOr(genderValues, rng.int(0, 1))
                  : genderValues.at(-1)
                : undefined
            if (
              gender !== undefined &&
              generated.answers[spec.background.genderItem] !== undefined
            ) {
              generated.answers[spec.background.genderItem] = gender
            }
            responses.push({
              ...generated,
              id: rng.uuid(),
              classId: schoolClass.id,
              schoolIndex,
              grade,
              gender,
              dayOffset: rng.int(0, 20),
              complete: rng.chance(0.97),
            })
          }
        }
      }
    })
    return { schoolYear, classes, responses }
  })
}

const valueOr = (values: number[], index: number): number => values[index] ?? (values[0] as number)
