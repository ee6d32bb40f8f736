import type { Kysely } from 'kysely'
export { SUPPRESSED_TEXT } from '../../analysis/charts/chart-texts.ts'
import type { Database } from '../db/schema.ts'
import type { QuestionnaireDefinition } from '../definitions/definitions.repository.ts'
import type { SurveyRound } from '../rounds/rounds.repository.ts'
import { listClasses, listSchools } from '../schools/schools.repository.ts'

export type Locale = 'da' | 'en'
export type GroupDimension = 'round' | 'school' | 'grade' | 'gender' | 'class'

/** Names of every group a result can show, in the reader's language. */
export interface GroupLabels {
  label(dimension: GroupDimension, key: string): string
}

/** The choice texts of one item of a SurveyJS definition, by answer value. */
export function choiceLabels(
  survey: Record<string, unknown>,
  item: string,
  locale: Locale,
): Map<string, string> {
  const labels = new Map<string, string>()
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit)
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>
      if (record.name === item && Array.isArray(record.choices)) {
        for (const choice of record.choices as Array<{ value: unknown; text?: unknown }>) {
          const text = choice.text as Record<string, string> | string | undefined
          labels.set(
            String(choice.value),
            typeof text === 'string'
              ? text
              : (text?.[locale === 'da' ? 'default' : locale] ??
                  text?.default ??
                  String(choice.value)),
          )
        }
      } else Object.values(record).forEach(visit)
    }
  }
  visit(survey)
  return labels
}

/** Danish alphabetical order (æ, ø, å last) with numbers in numeric order (7. before 10.). */
export const LABEL_ORDER = new Intl.Collator('da', { numeric: true })

export const roundLabel = (round: SurveyRound): string =>
  round.waveLabel ? `${round.schoolYear} (${round.waveLabel})` : round.schoolYear

/** Loads the names of the municipality's schools and classes, rounds, grades and genders. */
export async function loadGroupLabels(
  db: Kysely<Database>,
  municipalityId: string,
  rounds: readonly SurveyRound[],
  definition: QuestionnaireDefinition,
  locale: Locale,
  options: { classes: boolean } = { classes: true },
): Promise<GroupLabels> {
  const schools = new Map(
    (await listSchools(db, { municipalityId })).map((s) => [s.id, s.name] as const),
  )
  // Class names only when classes are shown: a national deployment has thousands.
  const classes = new Map(
    options.classes
      ? (await listClasses(db, { municipalityId })).map((c) => [c.id, c.label] as const)
      : [],
  )
  const genders = choiceLabels(
    definition.survey,
    definition.scoringSpec.background.genderItem,
    locale,
  )
  const roundNames = new Map(rounds.map((r) => [r.id, roundLabel(r)] as const))
  const unknown = locale === 'da' ? 'Ikke oplyst' : 'Not stated'
  return {
    label(dimension, key) {
      if (key === 'unknown') return unknown
      switch (dimension) {
        case 'school':
          return schools.get(key) ?? key
        case 'class':
          return classes.get(key) ?? key
        case 'round':
          return roundNames.get(key) ?? key
        case 'grade':
          return locale === 'da' ? `${key}. klasse` : `Grade ${key}`
        case 'gender':
          return genders.get(key) ?? key
      }
    },
  }
}

export const suppressionRule = (k: number, locale: Locale) =>
  locale === 'da'
    ? `Grupper med færre end ${k} besvarelser vises ikke, og flere grupper skjules, så de ikke kan regnes ud fra de viste tal.`
    : `Groups with fewer than ${k} answers are not shown, and further groups are hidden so they cannot be worked out from the figures shown.`
