import { z } from '@hono/zod-openapi'
import type { GroupSummary } from '../../analysis/aggregation/group-summary.ts'
import type { ChartBundle, ChartFigure } from '../../analysis/charts/chart-data.ts'
import { concernChart, type ConcernGroup } from '../../analysis/charts/concern-chart.ts'
import { profileChart } from '../../analysis/charts/profile-chart.ts'
import { renderSvg } from '../../analysis/charts/render-svg.ts'
import { responseRateChart } from '../../analysis/charts/response-rate-chart.ts'
import { formatFigure } from '../../analysis/charts/chart-format.ts'
import { measureCatalogue } from '../../analysis/measures/measure-catalogue.ts'
import type { ReportChart, ReportRow, RoundReportData } from '../../web/reports/round-report.tsx'
import { AggregateQuery, CompareQuery } from '../analysis/analysis-queries.ts'
import { aggregate } from '../analysis/analysis.routes.ts'
import { compareWithReleases } from '../analysis/compare-measures.ts'
import { concernGroupOf } from '../analysis/concern-groups.ts'
import { loadGroupLabels, roundLabel, suppressionRule } from '../analysis/group-labels.ts'
import {
  definitionOf,
  previousYearRound,
  resultRounds,
  selectionOf,
  withoutSchool,
} from '../analysis/result-rounds.ts'
import {
  releaseDistribution,
  releaseRounds,
  type ReleasedFigure,
} from '../analysis/round-releases.ts'
import type { AppDeps, StaffPrincipal } from '../app-env.ts'
import { AppError } from '../errors.ts'
import { findMunicipality } from '../municipalities/municipalities.repository.ts'
import { roundProgress } from '../responses/responses.repository.ts'

/** The query of a round report: one school (held to a school user's own) and the language. */
export const ReportQuery = z.object({
  school: z.uuid().optional(),
  lang: z.enum(['da', 'en']).default('da'),
})

const MAX_REAL_CHANGES = 6

/** The summary a released figure gives, or undefined when it is suppressed or too small. */
const shownSummary = (figure: ReleasedFigure | undefined): GroupSummary | undefined =>
  figure?.status === 'shown' && figure.figure.kind !== 'insufficient' ? figure.figure : undefined

/** A released figure as a chart point; an insufficient figure is drawn like a suppressed one. */
function chartFigure(figure: ReleasedFigure | undefined): ChartFigure {
  const summary = shownSummary(figure)
  if (!summary || summary.kind === 'insufficient') return { status: 'suppressed' }
  return {
    status: 'shown',
    value: summary.kind === 'proportion' ? summary.proportion : summary.mean,
    lower: summary.lower,
    upper: summary.upper,
    n: summary.n,
  }
}

/**
 * Whole percent for a share, one decimal for a mean, in the report's language ("21 %" and "3,4"
 * in Danish, "21%" and "3.4" in English); null for a group not shown.
 */
function formatted(
  figure: ReleasedFigure | undefined,
  lang: 'da' | 'en',
): { value: string | null; n: number | null } {
  const summary = shownSummary(figure)
  if (!summary || summary.kind === 'insufficient') return { value: null, n: null }
  return summary.kind === 'proportion'
    ? { value: formatFigure(summary.proportion, 'proportion', lang), n: summary.n }
    : { value: formatFigure(summary.mean, 'mean', lang), n: summary.n }
}

const chartOf = async (bundle: ChartBundle): Promise<ReportChart> => ({
  title: bundle.title,
  svg: await renderSvg(bundle.spec),
})

/**
 * What the report compares with: the previous school year; for a school without one, the rest
 * of the municipality in the same round; else nothing (null). Comes with the release it made,
 * which holds every measure the report shows for the rounds compared.
 */
async function reportComparison(
  deps: AppDeps,
  staff: StaffPrincipal,
  round: string,
  school: string | undefined,
  lang: 'da' | 'en',
) {
  try {
    return await compareWithReleases(
      deps,
      staff,
      CompareQuery.parse({ round, against: 'previous-year', school, lang }),
    )
  } catch (error) {
    if (!(error instanceof AppError && error.status === 404)) throw error
  }
  if (!school) return null
  return compareWithReleases(
    deps,
    staff,
    CompareQuery.parse({ round, against: 'rest-of-municipality', school, lang }),
  )
}

export type ReportParams = z.infer<typeof ReportQuery>

/**
 * Builds a round report's content from the analysis functions (which apply suppression); the
 * HTML and the PDF report both lay out this one result.
 */
export async function loadRoundReport(
  deps: AppDeps,
  staff: StaffPrincipal,
  roundId: string,
  query: ReportParams,
): Promise<RoundReportData> {
  const { lang } = query
  const da = lang === 'da'
  const selection = selectionOf(staff, query)
  const [round] = await resultRounds(deps, staff, [roundId], false)
  const definition = await definitionOf(deps, round!)
  const catalogue = measureCatalogue(definition.scoringSpec)
  const previous = await previousYearRound(deps, staff, round!)
  const rounds = previous ? [previous, round!] : [round!]
  const indicators = catalogue.filter((m) => m.group === 'indicator')
  const factors = catalogue.filter((m) => m.group === 'factor')
  const who5 = catalogue.filter((m) => m.group === 'who5')
  const measures = [...indicators, ...factors, ...who5]

  const [compared, labels, progress, who5Result, concern, municipality] = await Promise.all([
    reportComparison(deps, staff, round!.id, selection.school, lang),
    loadGroupLabels(deps.db, staff.municipalityId, rounds, definition, lang),
    roundProgress(deps.db, round!.id, selection.school),
    aggregate(
      deps,
      staff,
      AggregateQuery.parse({ measure: 'who5.index', rounds: round!.id, ...query }),
    ),
    releaseDistribution(deps, staff.municipalityId, round!, 'concern-level', false),
    findMunicipality(deps.db, staff.municipalityId),
  ])

  const compare = compared?.comparison ?? null
  // The comparison released every measure of the report for its rounds; the rounds it did not
  // cover (the year before, when comparing with the rest of the municipality) are released here.
  const released = compared?.releases
  const releases =
    released && rounds.every((r) => measures.every((m) => released.get(r.id)?.has(m.id)))
      ? released
      : await releaseRounds(
          deps,
          staff.municipalityId,
          rounds,
          measures.map((m) => m.id),
          false,
        )

  const ownLabel = selection.school
    ? labels.label('school', selection.school)
    : (municipality?.name ?? (da ? 'Kommunen' : 'Municipality'))
  const textOf = (measure: string) =>
    compare?.comparisons.find((c) => c.measure === measure && !('group' in c))?.text ?? null
  const releaseOf = (roundKey: string, measure: string) => releases.get(roundKey)!.get(measure)!
  const rowsOf = (list: typeof measures): ReportRow[] =>
    list.map((m) => ({
      label: m.label[lang],
      ...formatted(releaseOf(round!.id, m.id).figure(selection), lang),
      text: textOf(m.id),
    }))

  const keyMessages = compare
    ? [
        compare.summary,
        ...compare.comparisons
          .filter((c) => c.kind === 'change' && c.verdict === 'real-change')
          .slice(0, MAX_REAL_CHANGES)
          .map((c) => c.text),
      ]
    : [
        da
          ? 'Der er ingen måling fra året før at sammenligne med.'
          : 'There is no earlier round to compare with.',
      ]
  if (compare?.against === 'rest-of-municipality') {
    keyMessages.unshift(
      da
        ? 'Der er ingen måling fra året før, så skolen sammenlignes med resten af kommunen i samme måling.'
        : 'There is no round from the year before, so the school is compared with the rest of the municipality in the same round.',
    )
  }

  const schools = new Map<string, { name: string; completed: number; expected: number }>()
  for (const p of progress) {
    const school = schools.get(p.schoolId) ?? { name: p.schoolName, completed: 0, expected: 0 }
    school.completed += p.completed
    school.expected += p.expectedPupils
    schools.set(p.schoolId, school)
  }
  const schoolRows = [...schools.values()]

  // The profile as the chart API draws it: a school against the municipality, the municipality
  // against the previous year.
  const comparisonLabel = selection.school
    ? da
      ? 'Kommunen'
      : 'Municipality'
    : previous
      ? roundLabel(previous)
      : null
  const profile = profileChart({
    groupLabel: `${ownLabel} ${roundLabel(round!)}`,
    comparisonLabel,
    factors: factors.map((f) => {
      const release = releaseOf(round!.id, f.id)
      const comparison = selection.school
        ? release.figure(withoutSchool(selection))
        : previous
          ? releaseOf(previous.id, f.id).figure({})
          : undefined
      return {
        label: f.label[lang],
        domain: f.factor!.domain,
        kind: f.factor!.kind,
        figure: chartFigure(release.figure(selection)),
        comparison: comparisonLabel ? chartFigure(comparison) : null,
      }
    }),
    locale: lang,
  })

  const concernGroups: ConcernGroup[] = []
  const toGroup = (label: string, figure: ReturnType<typeof concern.figure>) => {
    const group = concernGroupOf(label, figure)
    if (group) concernGroups.push(group)
  }
  if (!selection.school) {
    for (const key of concern.values('school', selection)) {
      toGroup(labels.label('school', key), concern.figure({ ...selection, school: key }))
    }
  }
  toGroup(ownLabel, concern.figure(selection))

  const [rateChart, profileSvg, concernSvg] = await Promise.all([
    chartOf(
      responseRateChart({
        groups: schoolRows.map((s) => ({
          label: s.name,
          responded: s.completed,
          expected: s.expected,
        })),
        locale: lang,
      }),
    ),
    chartOf(profile),
    chartOf(concernChart({ groups: concernGroups, locale: lang })),
  ])

  return {
    lang,
    title: ownLabel,
    roundLabel: roundLabel(round!),
    date: new Intl.DateTimeFormat(da ? 'da-DK' : 'en-GB', { dateStyle: 'long' }).format(
      deps.clock.now(),
    ),
    keyMessages,
    responseRate: {
      completed: schoolRows.reduce((sum, s) => sum + s.completed, 0),
      expected: schoolRows.reduce((sum, s) => sum + s.expected, 0),
      schools: schoolRows,
      chart: rateChart,
    },
    sections: [
      { heading: da ? 'Indikatorer' : 'Indicators', rows: rowsOf(indicators), charts: [] },
      {
        heading: da ? 'Beskyttelses- og risikofaktorer' : 'Protective and risk factors',
        rows: rowsOf(factors),
        charts: [profileSvg],
      },
      {
        heading: da ? 'Trivsel (WHO-5) og bekymringsniveau' : 'Wellbeing (WHO-5) and concern level',
        rows: rowsOf(who5),
        charts: [concernSvg],
      },
    ],
    method: {
      questionnaireVersion: definition.version,
      scoringSpecVersion: definition.scoringSpec.version,
      excludedAsInvalid: who5Result.rounds[0]?.excludedAsInvalid ?? null,
      k: deps.config.minGroupSize,
      suppressionRule: suppressionRule(deps.config.minGroupSize, lang),
    },
  }
}
