import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { GroupSummary } from '../../analysis/aggregation/group-summary.ts'
import type { ChartBundle, ChartFigure } from '../../analysis/charts/chart-data.ts'
import { concernChart } from '../../analysis/charts/concern-chart.ts'
import { dumbbellChart } from '../../analysis/charts/dumbbell-chart.ts'
import { profileChart } from '../../analysis/charts/profile-chart.ts'
import { renderSvg } from '../../analysis/charts/render-svg.ts'
import { responseRateChart } from '../../analysis/charts/response-rate-chart.ts'
import { schoolsChart } from '../../analysis/charts/schools-chart.ts'
import { trendChart } from '../../analysis/charts/trend-chart.ts'
import { measureCatalogue } from '../../analysis/measures/measure-catalogue.ts'
import type { AppDeps, AppEnv, StaffPrincipal } from '../app-env.ts'
import { requireStaff } from '../auth/auth.middleware.ts'
import { createRouter, errorResponses, jsonResponse } from '../openapi.ts'
import { roundProgress } from '../responses/responses.repository.ts'
import { roundOf } from '../rounds/round-access.ts'
import { AggregateQuery, CompareQuery, GroupFilters } from './analysis-queries.ts'
import { aggregate } from './analysis.routes.ts'
import { compareMeasures } from './compare-measures.ts'
import { concernGroups } from './concern-groups.ts'
import { loadGroupLabels, roundLabel, suppressionRule } from './group-labels.ts'
import {
  definitionOf,
  previousYearRound,
  resultRounds,
  selectionOf,
  withoutSchool,
} from './result-rounds.ts'
import { releaseRounds, type ReleasedFigure } from './round-releases.ts'

const Format = { format: z.enum(['json', 'svg']).default('json') }
const ChartResponse = z.object({
  title: z.string(),
  altText: z.string(),
  spec: z.record(z.string(), z.unknown()),
})

/** A released figure as a chart point: an insufficient figure is drawn like a suppressed one. */
function chartFigure(figure: ReleasedFigure | GroupSummary | undefined): ChartFigure {
  const summary =
    figure && 'status' in figure ? (figure.status === 'shown' ? figure.figure : undefined) : figure
  if (!summary || summary.kind === 'insufficient') return { status: 'suppressed' }
  return summary.kind === 'proportion'
    ? {
        status: 'shown',
        value: summary.proportion,
        lower: summary.lower,
        upper: summary.upper,
        n: summary.n,
      }
    : {
        status: 'shown',
        value: summary.mean,
        lower: summary.lower,
        upper: summary.upper,
        n: summary.n,
      }
}

/** Counts the suppressed groups a chart draws, for the response's suppression note. */
function figureTally() {
  let suppressed = 0
  return {
    figure(figure: ReleasedFigure | GroupSummary | undefined): ChartFigure {
      const result = chartFigure(figure)
      if (result.status === 'suppressed') suppressed++
      return result
    },
    add(count: number) {
      suppressed += count
    },
    get count() {
      return suppressed
    },
  }
}
type Tally = ReturnType<typeof figureTally>

/** The chart as JSON (spec, title, text alternative, suppression) or as a rendered SVG file. */
async function send(
  c: Context<AppEnv>,
  deps: AppDeps,
  chart: ChartBundle,
  format: 'json' | 'svg',
  tally: Tally,
) {
  if (format === 'svg') {
    return c.body(await renderSvg(chart.spec), 200, {
      'content-type': 'image/svg+xml; charset=utf-8',
    })
  }
  const k = deps.config.minGroupSize
  return c.json(
    {
      title: chart.title,
      altText: chart.altText,
      spec: chart.spec,
      suppression: {
        rule: suppressionRule(k, c.req.query('lang') === 'en' ? 'en' : 'da'),
        suppressedGroups: tally.count,
      },
    },
    200,
  )
}

/**
 * The risk and protective profile chart: a school against the municipality, or the municipality
 * against the previous year. A page that has already released the factors of those rounds passes
 * them, so the chart's text alternative is built without releasing them again.
 */
export async function profileChartOf(
  deps: AppDeps,
  staff: StaffPrincipal,
  q: {
    round?: string | undefined
    school?: string | undefined
    includeFlagged?: string | undefined
    lang: 'da' | 'en'
  },
  tally: Tally = figureTally(),
  given?: Awaited<ReturnType<typeof releaseRounds>>,
): Promise<ChartBundle> {
  const [round] = await resultRounds(deps, staff, q.round ? [q.round] : undefined, false)
  const selection = selectionOf(staff, q)
  const definition = await definitionOf(deps, round!)
  const factors = measureCatalogue(definition.scoringSpec).filter((m) => m.group === 'factor')
  const previous = selection.school ? undefined : await previousYearRound(deps, staff, round!)
  const rounds = previous ? [previous, round!] : [round!]
  const releases =
    given ??
    (await releaseRounds(
      deps,
      staff.municipalityId,
      rounds,
      factors.map((f) => f.id),
      q.includeFlagged === 'true',
    ))
  const labels = await loadGroupLabels(deps.db, staff.municipalityId, rounds, definition, q.lang, {
    classes: false,
  })
  const groupLabel = selection.school
    ? labels.label('school', selection.school)
    : q.lang === 'da'
      ? 'Kommunen'
      : 'Municipality'
  const comparisonLabel = selection.school
    ? q.lang === 'da'
      ? 'Kommunen'
      : 'Municipality'
    : previous
      ? roundLabel(previous)
      : null
  return profileChart({
    groupLabel: `${groupLabel} ${roundLabel(round!)}`,
    comparisonLabel,
    factors: factors.map((f) => {
      const release = releases.get(round!.id)!.get(f.id)!
      const comparison = selection.school
        ? release.figure(withoutSchool(selection))
        : previous
          ? releases.get(previous.id)!.get(f.id)!.figure({})
          : undefined
      return {
        label: f.label[q.lang],
        domain: f.factor!.domain,
        kind: f.factor!.kind,
        figure: tally.figure(release.figure(selection)),
        comparison: comparisonLabel ? tally.figure(comparison) : null,
      }
    }),
    locale: q.lang,
  })
}

const chartRoute = <Q extends z.ZodObject>(path: string, summary: string, query: Q) =>
  createRoute({
    method: 'get',
    path,
    summary,
    request: { query },
    responses: {
      200: {
        ...jsonResponse(ChartResponse, 'The Vega-Lite spec with its title and text alternative'),
        content: {
          'application/json': { schema: ChartResponse },
          'image/svg+xml': { schema: z.string() },
        },
      },
      ...errorResponses,
    },
  })

/**
 * Chart specs (Vega-Lite, for vega-embed in the browser) and the same charts as SVG for reports,
 * built only from released figures: a suppressed group is drawn as "for få besvarelser".
 */
export function chartsRoutes(deps: AppDeps) {
  const app = createRouter()
  app.use('*', requireStaff(deps))

  const TrendQuery = AggregateQuery.pick({
    measure: true,
    rounds: true,
    school: true,
    grade: true,
    gender: true,
    includeFlagged: true,
    lang: true,
  }).extend(Format)
  app.openapi(
    chartRoute(
      '/trend',
      'A measure over the rounds: the school (if chosen) and the municipality',
      TrendQuery,
    ),
    async (c) => {
      const tally = figureTally()
      const staff = c.var.staff
      const q = c.req.valid('query')
      const base = { ...q, by: ['round' as const], benchmark: 'false' as const }
      const selection = selectionOf(staff, q)
      // The municipality's own line is shown to school users too: it is the figure they compare with.
      const municipal = await aggregate(deps, municipalView(staff), { ...base, school: undefined })
      const series = []
      if (selection.school) {
        const school = await aggregate(deps, staff, { ...base, school: selection.school })
        series.push({
          label: await schoolName(deps, staff.municipalityId, selection.school),
          points: school.totals.map((t) => ({
            period: school.rounds.find((r) => r.id === t.round)!.label,
            figure: tally.figure(t),
          })),
        })
      }
      series.push({
        label: q.lang === 'da' ? 'Kommunen' : 'Municipality',
        points: municipal.totals.map((t) => ({
          period: municipal.rounds.find((r) => r.id === t.round)!.label,
          figure: tally.figure(t),
        })),
      })
      return send(
        c,
        deps,
        trendChart({
          measureLabel: municipal.measure.label,
          scale: municipal.measure.kind,
          series,
          locale: q.lang,
        }),
        q.format,
        tally,
      )
    },
  )

  const SchoolsQuery = AggregateQuery.pick({
    measure: true,
    rounds: true,
    grade: true,
    gender: true,
    includeFlagged: true,
    lang: true,
  }).extend(Format)
  app.openapi(
    chartRoute(
      '/schools',
      'Schools side by side for one measure, with the municipality as reference',
      SchoolsQuery,
    ),
    async (c) => {
      const tally = figureTally()
      const q = c.req.valid('query')
      const result = await aggregate(deps, c.var.staff, {
        ...q,
        by: ['school'],
        benchmark: 'false',
      })
      const total = result.totals.at(-1)
      const reference = total ? tally.figure(total) : { status: 'suppressed' as const }
      return send(
        c,
        deps,
        schoolsChart({
          measureLabel: result.measure.label,
          scale: result.measure.kind,
          groups: result.groups.map((g) => ({
            label: g.group.school!.label,
            figure: tally.figure(g),
          })),
          reference:
            reference.status === 'shown'
              ? { label: q.lang === 'da' ? 'Kommunen' : 'Municipality', value: reference.value }
              : null,
          locale: q.lang,
        }),
        q.format,
        tally,
      )
    },
  )

  const ProfileQuery = z
    .object({
      round: z.uuid().optional(),
      school: GroupFilters.school,
      includeFlagged: GroupFilters.includeFlagged,
      lang: GroupFilters.lang,
    })
    .extend(Format)
  app.openapi(
    chartRoute(
      '/profile',
      'Risk and protective factors by domain for a school (against the municipality) or the municipality (against the previous year)',
      ProfileQuery,
    ),
    async (c) => {
      const tally = figureTally()
      const q = c.req.valid('query')
      return send(c, deps, await profileChartOf(deps, c.var.staff, q, tally), q.format, tally)
    },
  )

  const DumbbellQuery = CompareQuery.omit({ by: true }).extend(Format)
  app.openapi(
    chartRoute(
      '/dumbbell',
      'Baseline against follow-up for every measure, real changes marked',
      DumbbellQuery,
    ),
    async (c) => {
      const tally = figureTally()
      const q = c.req.valid('query')
      const result = await compareMeasures(deps, c.var.staff, q)
      tally.add(result.suppression.suppressedGroups)
      return send(
        c,
        deps,
        dumbbellChart({
          baselineLabel:
            result.baseline?.label ??
            (q.lang === 'da' ? 'Resten af kommunen' : 'Rest of the municipality'),
          followUpLabel: result.baseline
            ? result.round.label
            : q.lang === 'da'
              ? 'Skolen'
              : 'The school',
          rows: result.comparisons.map((row) => ({
            label: row.label,
            scale: row.kind === 'change' && row.test === 'welch' ? 'mean' : 'proportion',
            baseline: row.kind === 'change' ? row.baseline : null,
            followUp: row.kind === 'change' ? row.followUp : null,
            verdict: row.kind === 'change' ? row.verdict : 'suppressed',
          })),
          locale: q.lang,
        }),
        q.format,
        tally,
      )
    },
  )

  const ConcernQuery = z
    .object({
      round: z.uuid().optional(),
      by: z.enum(['school', 'grade', 'gender']).default('school'),
      school: GroupFilters.school,
      grade: GroupFilters.grade,
      includeFlagged: GroupFilters.includeFlagged,
      lang: GroupFilters.lang,
    })
    .extend(Format)
  app.openapi(
    chartRoute(
      '/concern',
      'Concern levels (four steps) as stacked shares by school, grade or gender',
      ConcernQuery,
    ),
    async (c) => {
      const tally = figureTally()
      const q = c.req.valid('query')
      const groups = await concernGroups(deps, c.var.staff, q)
      tally.add(groups.filter((g) => 'suppressed' in g).length)
      return send(c, deps, concernChart({ groups, locale: q.lang }), q.format, tally)
    },
  )

  const RatesQuery = z
    .object({
      round: z.uuid(),
      by: z.enum(['school', 'class']).default('school'),
      lang: GroupFilters.lang,
    })
    .extend(Format)
  app.openapi(
    chartRoute(
      '/response-rates',
      'Completed responses against expected pupils, by school or class',
      RatesQuery,
    ),
    async (c) => {
      const tally = figureTally()
      const staff = c.var.staff
      const q = c.req.valid('query')
      const round = await roundOf(deps, staff, q.round)
      const progress = await roundProgress(deps.db, round.id, selectionOf(staff, {}).school)
      const groups = new Map<string, { label: string; responded: number; expected: number }>()
      for (const p of progress) {
        const key = q.by === 'school' ? p.schoolId : p.classId
        const label = q.by === 'school' ? p.schoolName : `${p.schoolName} ${p.classLabel}`
        const group = groups.get(key) ?? { label, responded: 0, expected: 0 }
        group.responded += p.completed
        group.expected += p.expectedPupils
        groups.set(key, group)
      }
      return send(
        c,
        deps,
        responseRateChart({ groups: [...groups.values()], locale: q.lang }),
        q.format,
        tally,
      )
    },
  )
  return app
}

/** The staff member as a reader of municipality-wide figures (totals any staff may compare with). */
const municipalView = (staff: StaffPrincipal): StaffPrincipal =>
  staff.role === 'school' ? { ...staff, role: 'analyst', schoolId: null } : staff

async function schoolName(deps: AppDeps, municipalityId: string, schoolId: string) {
  const row = await deps.db
    .selectFrom('schools')
    .select('name')
    .where('id', '=', schoolId)
    .where('municipality_id', '=', municipalityId)
    .executeTakeFirst()
  return row?.name ?? schoolId
}
