import type { Kysely } from 'kysely'
import { measureCatalogue } from '../../analysis/measures/measure-catalogue.ts'
import type { QuestionnaireDefinition } from '../definitions/definitions.repository.ts'
import { questionnaireItems } from '../definitions/questionnaire-items.ts'
import type { Database } from '../db/schema.ts'
import type { SurveyRound } from '../rounds/rounds.repository.ts'
import { pseudonym } from './pseudonym.ts'

export type Cell = string | number | null
export type ExportShape = 'wide' | 'long'

/** A pupil-level table: machine-friendly column names, one row per response (or per value). */
export interface PupilTable {
  columns: string[]
  rows: Cell[][]
}

/** One variable of the codebook: a column of the wide file or a variable of the long one. */
export interface CodebookEntry {
  variable: string
  kind: 'column' | 'item' | 'measure'
  /** The Danish wording of an item, the label of a measure or column. */
  text: string
  /** Answer values with their labels, e.g. "1 = Dreng; 2 = Pige". */
  values: string
  /** A measure's definition, or how a column is filled. */
  definition: string
}

export interface Codebook {
  entries: CodebookEntry[]
  notes: Array<[string, string]>
}

type Json = Record<string, unknown>

const COLUMN_TEXTS: Array<[string, string, string]> = [
  [
    'row',
    'Løbenummer',
    'Et nummer pr. besvarelse i denne fil, i tilfældig rækkefølge; ikke et id.',
  ],
  ['round', 'Måling', 'Målingens skoleår (og eventuel bølge).'],
  [
    'school',
    'Skole',
    'Skolens navn eller pseudonym; tom for en skole med færre end k besvarelser.',
  ],
  [
    'class',
    'Klasse',
    'Klassens navn eller pseudonym; tom for en klasse med færre end k besvarelser.',
  ],
  ['grade', 'Klassetrin', 'Klassetrinnet i klasselisten (7, 8 eller 9).'],
  [
    'gender',
    'Køn',
    'Elevens svar på kønsspørgsmålet; tomt når ubesvaret eller gruppen er under k.',
  ],
  [
    'flagged',
    'Markeret som ugyldig',
    '1 hvis mindst én gyldighedsregel markerede besvarelsen, ellers 0.',
  ],
  [
    'flags',
    'Gyldighedsmarkeringer',
    'De gyldighedsregler, der markerede besvarelsen, adskilt af "+".',
  ],
]
const COLUMNS = COLUMN_TEXTS.map(([name]) => name)

interface LoadedResponse {
  id: string
  schoolId: string
  schoolName: string
  classId: string
  classLabel: string
  grade: number
  answers: Json
  flags: string[]
}

/** The completed responses of a round, in the random order of their UUIDs, and their scores. */
async function loadResponses(db: Kysely<Database>, roundId: string) {
  const rows = await db
    .selectFrom('responses as r')
    .innerJoin('schools as s', 's.id', 'r.school_id')
    .innerJoin('classes as c', 'c.id', 'r.class_id')
    .select([
      'r.id',
      'r.school_id',
      's.name as school_name',
      'r.class_id',
      'c.label as class_label',
      'r.grade',
      'r.answers_json',
      'r.quality_flags_json',
    ])
    .where('r.round_id', '=', roundId)
    .where('r.state', '=', 'complete')
    .orderBy('r.id')
    .execute()
  const scores = await db
    .selectFrom('response_scores as rs')
    .innerJoin('responses as r', 'r.id', 'rs.response_id')
    .select(['rs.response_id', 'rs.measure', 'rs.value'])
    .where('r.round_id', '=', roundId)
    .where('r.state', '=', 'complete')
    .execute()
  const scoresOf = new Map<string, Map<string, number>>()
  for (const s of scores) {
    const own = scoresOf.get(s.response_id) ?? new Map<string, number>()
    own.set(s.measure, Number(s.value))
    scoresOf.set(s.response_id, own)
  }
  const responses: LoadedResponse[] = rows.map((r) => ({
    id: r.id,
    schoolId: r.school_id,
    schoolName: r.school_name,
    classId: r.class_id,
    classLabel: r.class_label,
    grade: Number(r.grade),
    answers: JSON.parse(r.answers_json) as Json,
    flags: JSON.parse(r.quality_flags_json) as string[],
  }))
  return { responses, scoresOf }
}

const cellOf = (value: unknown): Cell =>
  value === undefined || value === null
    ? null
    : typeof value === 'number' || typeof value === 'string'
      ? value
      : Array.isArray(value)
        ? value.join(',')
        : JSON.stringify(value)

export interface PupilExportOptions {
  shape: ExportShape
  /** The municipality's pseudonym key; school and class stay as named without it. */
  pseudonymKey: string | null
  k: number
}

/**
 * The completed responses of a round as a pupil-level table with nothing that leads back to a
 * pupil: a row number instead of the response id, no dates or times, and the school, class and
 * gender left blank for any such group with fewer than k responses in the file (the gender item
 * and score too, so the blank cannot be filled in from them).
 */
export async function pupilExport(
  db: Kysely<Database>,
  round: SurveyRound,
  roundName: string,
  definition: QuestionnaireDefinition,
  options: PupilExportOptions,
): Promise<PupilTable> {
  const { responses, scoresOf } = await loadResponses(db, round.id)
  const items = questionnaireItems(definition)
  const genderItem = definition.scoringSpec.background.genderItem
  const genderLabels = new Map(
    items.find((i) => i.name === genderItem)?.values.map((v) => [v.value, v.label] as const) ?? [],
  )
  const catalogue = measureCatalogue(definition.scoringSpec).map((m) => m.id)
  const stored = new Set([...scoresOf.values()].flatMap((s) => [...s.keys()]))
  const measures = [
    ...catalogue.filter((m) => stored.has(m)),
    ...[...stored].filter((m) => !catalogue.includes(m)).sort(),
  ]

  const counts = new Map<string, number>()
  const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1)
  const genderOf = (r: LoadedResponse) => cellOf(r.answers[genderItem])
  for (const r of responses) {
    count(`school:${r.schoolId}`)
    count(`class:${r.classId}`)
    count(`gender:${genderOf(r)}`)
  }
  const large = (key: string) => (counts.get(key) ?? 0) >= options.k
  const key = options.pseudonymKey

  const rows: Cell[][] = []
  responses.forEach((r, index) => {
    const gender = genderOf(r)
    const genderShown = gender !== null && large(`gender:${gender}`)
    const fixed: Cell[] = [
      index + 1,
      roundName,
      large(`school:${r.schoolId}`)
        ? key
          ? pseudonym(key, 'Skole', r.schoolId)
          : r.schoolName
        : null,
      large(`class:${r.classId}`)
        ? key
          ? pseudonym(key, 'Klasse', r.classId)
          : r.classLabel
        : null,
      r.grade,
      genderShown ? (genderLabels.get(Number(gender)) ?? gender) : null,
      r.flags.length > 0 ? 1 : 0,
      r.flags.join('+') || null,
    ]
    const scores = scoresOf.get(r.id) ?? new Map<string, number>()
    const itemValue = (name: string) =>
      name === genderItem && !genderShown ? null : cellOf(r.answers[name])
    const scoreValue = (measure: string) =>
      measure === 'background.gender' && !genderShown ? null : (scores.get(measure) ?? null)
    if (options.shape === 'wide') {
      rows.push([...fixed, ...items.map((i) => itemValue(i.name)), ...measures.map(scoreValue)])
      return
    }
    for (const item of items) {
      if (cellOf(r.answers[item.name]) !== null)
        rows.push([...fixed, item.name, itemValue(item.name)])
    }
    for (const measure of measures) {
      if (scores.has(measure)) rows.push([...fixed, measure, scoreValue(measure)])
    }
  })
  const columns =
    options.shape === 'wide'
      ? [...COLUMNS, ...items.map((i) => i.name), ...measures]
      : [...COLUMNS, 'variable', 'value']
  return { columns, rows }
}

/**
 * What every variable of a pupil-level export means: the columns, each questionnaire item with
 * its Danish wording and answer labels, each measure with its definition, and the privacy rules
 * the file was made under.
 */
export function pupilCodebook(
  definition: QuestionnaireDefinition,
  k: number,
  pseudonyms: boolean,
): Codebook {
  const entries: CodebookEntry[] = [
    ...COLUMN_TEXTS.map(([variable, text, definition]) => ({
      variable,
      kind: 'column' as const,
      text,
      values: '',
      definition,
    })),
    ...questionnaireItems(definition).map((item) => ({
      variable: item.name,
      kind: 'item' as const,
      text: item.wording,
      values: item.values.map((v) => `${v.value} = ${v.label}`).join('; '),
      definition: '',
    })),
    ...measureCatalogue(definition.scoringSpec).map((m) => ({
      variable: m.id,
      kind: 'measure' as const,
      text: m.label.da,
      values: m.kind === 'proportion' ? '0 = nej; 1 = ja' : '',
      definition: m.definition.da,
    })),
  ]
  const notes: Array<[string, string]> = [
    ['Spørgeskema', `${definition.title}, version ${definition.version}`],
    ['Scoringsregler', `version ${definition.scoringSpecVersion}`],
    ['Mindste gruppestørrelse (k)', String(k)],
    [
      'Små grupper',
      `Skole, klasse og køn er efterladt tomme for hver skole, klasse og kønsgruppe med færre end ${k} besvarelser i filen (kønsspørgsmålet og kønsscoren ligeså).`,
    ],
    [
      'Pseudonymer',
      pseudonyms
        ? 'Skoler og klasser er erstattet af faste pseudonymer (HMAC-SHA-256 med kommunens hemmelige nøgle); de er ens fra eksport til eksport.'
        : 'Skoler og klasser står med deres navne.',
    ],
    [
      'Anonymitet',
      'Filen har intet besvarelses-id, ingen datoer eller tider og ingen besvarelsestid. Resultaterne beskriver grupper, aldrig et enkelt barn.',
    ],
    [
      'Lang form',
      'I lang form er der én række pr. besvaret spørgsmål og pr. gemt score: kolonnerne variable og value.',
    ],
  ]
  return { entries, notes }
}
