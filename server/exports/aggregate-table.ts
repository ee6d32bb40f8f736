import type { aggregate } from '../analysis/analysis.routes.ts'
import type { Locale } from '../analysis/group-labels.ts'

/** The answer of `aggregate()`, which has already applied every privacy rule. */
export type AggregateResult = Awaited<ReturnType<typeof aggregate>>
type ResultRow = AggregateResult['totals'][number]

/** How a column's values are written: text as is, counts as integers, figures with decimals. */
export type ColumnKind = 'text' | 'count' | 'percent' | 'mean'
export interface Column {
  header: string
  kind: ColumnKind
}
export type Cell = string | number | null

/** A result as a flat table plus the notes a reader needs to understand its figures. */
export interface AggregateTable {
  columns: Column[]
  rows: Cell[][]
  notes: Array<[string, Cell]>
}

type SplitDimension = 'school' | 'grade' | 'gender' | 'class'
const SPLIT_DIMENSIONS: SplitDimension[] = ['school', 'grade', 'gender', 'class']

const TEXTS = {
  da: {
    round: 'Måling',
    school: 'Skole',
    grade: 'Klassetrin',
    gender: 'Køn',
    class: 'Klasse',
    measure: 'Mål',
    n: 'n',
    missing: 'Manglende',
    proportion: 'Andel %',
    mean: 'Gennemsnit',
    lower: 'Nedre 95 %',
    upper: 'Øvre 95 %',
    sd: 'SD',
    status: 'Status',
    total: 'I alt',
    shown: 'vist',
    about: {
      measure: 'Mål',
      definition: 'Definition',
      suppression: 'Undertrykkelse af små grupper',
      k: 'Mindste gruppestørrelse (k)',
      specVersion: 'Scoringsversion',
      excluded: 'Udeladt som ugyldige',
      notShown: 'ikke vist',
      groups: 'Resultaterne beskriver grupper, aldrig et enkelt barn.',
      note: 'Bemærk',
      exportedAt: 'Eksporteret',
    },
  },
  en: {
    round: 'Survey round',
    school: 'School',
    grade: 'Grade',
    gender: 'Gender',
    class: 'Class',
    measure: 'Measure',
    n: 'n',
    missing: 'Missing',
    proportion: 'Share %',
    mean: 'Mean',
    lower: 'Lower 95 %',
    upper: 'Upper 95 %',
    sd: 'SD',
    status: 'Status',
    total: 'Total',
    shown: 'shown',
    about: {
      measure: 'Measure',
      definition: 'Definition',
      suppression: 'Suppression of small groups',
      k: 'Minimum group size (k)',
      specVersion: 'Scoring spec version',
      excluded: 'Excluded as invalid',
      notShown: 'not shown',
      groups: 'Results describe groups, never a single child.',
      note: 'Note',
      exportedAt: 'Exported',
    },
  },
} as const

/** The sheet names of an XLSX export, in the reader's language. */
export const SHEET_NAMES = {
  da: { table: 'Resultater', about: 'Om tallene' },
  en: { table: 'Results', about: 'About' },
} as const

/**
 * Lays an aggregate result out as one table: total rows first, then the groups, one column per
 * grouping dimension asked for. Proportions and their interval are in percent. A suppressed row
 * keeps its figure cells empty (never 0) and says why in the status column.
 */
export function aggregateTable(
  result: AggregateResult,
  by: readonly string[],
  locale: Locale,
  exportedAt: Date,
): AggregateTable {
  const t = TEXTS[locale]
  const isMean = result.measure.kind === 'mean'
  const dims = SPLIT_DIMENSIONS.filter((d) => by.includes(d))
  const roundLabels = new Map(result.rounds.map((r) => [r.id, r.label] as const))

  const columns: Column[] = [
    { header: t.round, kind: 'text' },
    ...dims.map((d) => ({ header: t[d], kind: 'text' as const })),
    { header: t.measure, kind: 'text' },
    { header: t.n, kind: 'count' },
    { header: t.missing, kind: 'count' },
    { header: isMean ? t.mean : t.proportion, kind: isMean ? 'mean' : 'percent' },
    { header: t.lower, kind: isMean ? 'mean' : 'percent' },
    { header: t.upper, kind: isMean ? 'mean' : 'percent' },
    ...(isMean ? [{ header: t.sd, kind: 'mean' as const }] : []),
    { header: t.status, kind: 'text' },
  ]

  const figureCells = (row: ResultRow): Cell[] => {
    if (row.status === 'suppressed')
      return [null, null, null, null, null, ...(isMean ? [null] : [])]
    const figure = row.figure
    switch (figure.kind) {
      case 'proportion':
        return [
          figure.n,
          row.missing,
          figure.proportion * 100,
          figure.lower * 100,
          figure.upper * 100,
        ]
      case 'mean':
        return [figure.n, row.missing, figure.mean, figure.lower, figure.upper, figure.sd]
      case 'insufficient':
        return [null, row.missing, null, null, null, ...(isMean ? [null] : [])]
    }
  }
  const toRow = (row: ResultRow, isTotal: boolean): Cell[] => [
    roundLabels.get(row.round) ?? row.round,
    ...dims.map((d, i) => (isTotal ? (i === 0 ? t.total : null) : (row.group[d]?.label ?? null))),
    result.measure.label,
    ...figureCells(row),
    row.status === 'suppressed'
      ? row.text
      : row.figure.kind === 'insufficient'
        ? row.figure.reason
        : t.shown,
  ]

  // With by=round the totals are also the groups (the same objects): list them once.
  const groups = result.groups.filter((g) => !result.totals.includes(g))
  const rows = [...result.totals.map((r) => toRow(r, true)), ...groups.map((r) => toRow(r, false))]

  const a = t.about
  const notes: Array<[string, Cell]> = [
    [a.measure, `${result.measure.label} (${result.measure.id})`],
    [a.definition, result.measure.definition],
    [a.suppression, result.suppression.rule],
    [a.k, result.minGroupSize],
    ...result.rounds.flatMap((r): Array<[string, Cell]> => [
      [`${a.specVersion}, ${r.label}`, r.specVersion],
      [`${a.excluded}, ${r.label}`, r.excludedAsInvalid ?? a.notShown],
    ]),
    [a.note, a.groups],
    [a.exportedAt, exportedAt.toISOString()],
  ]
  return { columns, rows, notes }
}
