import { z } from '@hono/zod-openapi'
import { Hono } from 'hono'
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { measureCatalogue } from '../../analysis/measures/measure-catalogue.ts'
import { StaffLayout } from '../../web/staff/staff-layout.tsx'
import type { ChartText } from '../../web/staff/chart-figure.tsx'
import { filterQuery, type FilterChoices, type Filters } from '../../web/staff/filter-form.tsx'
import type { Comparison } from '../../web/staff/figure-text.tsx'
import { MeasurePage } from '../../web/staff/measure-page.tsx'
import { OverviewPage } from '../../web/staff/overview-page.tsx'
import { AggregateQuery, CompareQuery } from '../analysis/analysis-queries.ts'
import { aggregate } from '../analysis/analysis.routes.ts'
import { chartsRoutes } from '../analysis/charts.routes.ts'
import { compareMeasures } from '../analysis/compare-measures.ts'
import { choiceLabels, roundLabel, suppressionRule } from '../analysis/group-labels.ts'
import { definitionOf } from '../analysis/result-rounds.ts'
import type { AppDeps, StaffPrincipal } from '../app-env.ts'
import { sessionStaff } from '../auth/auth.middleware.ts'
import { AppError } from '../errors.ts'
import { roundProgress } from '../responses/responses.repository.ts'
import { listRounds } from '../rounds/rounds.repository.ts'
import { schoolScope } from '../scope.ts'
import { listSchools } from '../schools/schools.repository.ts'

const PageQuery = z.object({
  round: z.uuid().optional(),
  school: z.uuid().optional(),
  grade: z.enum(['7', '8', '9']).optional(),
  gender: z
    .string()
    .regex(/^[a-z0-9-]{1,20}$/)
    .optional(),
})

/** Thrown for anything the reader may not or cannot see; rendered as one 404 page. */
class PageNotFound extends Error {}

interface Frame {
  script: string
  stylesheet: string
}

/**
 * The results pages: the overview of a round and one measure in detail. Figures come from the
 * same functions as the analysis API, so suppression and permissions are the API's own.
 */
export function resultsPagesRoutes(deps: AppDeps, frame: Frame) {
  const app = new Hono()
  // The charts' text alternatives are rendered into the page, asked of the chart API itself.
  const charts = chartsRoutes(deps)
  charts.onError((error, c) => c.json({}, error instanceof AppError ? error.status : 500))

  const render = (c: Context, staff: StaffPrincipal, title: string, body: Child, status = 200) =>
    c.html(
      <StaffLayout title={title} signedInAs={staff.displayName} {...frame}>
        {body}
      </StaffLayout>,
      status as 200,
    )

  const notFoundPage = (c: Context, staff: StaffPrincipal) =>
    render(
      c,
      staff,
      'Ikke fundet',
      <>
        <h1>Siden findes ikke</h1>
        <p>
          <a href="/staff/overview">Til overblikket</a>
        </p>
      </>,
      404,
    )

  /** Runs a page, turning a missing or forbidden round, school or measure into the 404 page. */
  const page =
    (build: (c: Context, staff: StaffPrincipal) => Promise<Response>) => async (c: Context) => {
      const staff = await sessionStaff(deps, c)
      if (!staff) {
        const { pathname, search } = new URL(c.req.url)
        return c.redirect(`/staff/login?next=${encodeURIComponent(pathname + search)}`, 303)
      }
      try {
        return await build(c, staff)
      } catch (error) {
        if (error instanceof PageNotFound) return notFoundPage(c, staff)
        if (error instanceof AppError && error.status === 404) return notFoundPage(c, staff)
        throw error
      }
    }

  const chartText = async (c: Context, url: string): Promise<ChartText | undefined> => {
    const response = await charts.request(url.replace('/api/analysis/charts', ''), {
      headers: { cookie: c.req.header('cookie') ?? '' },
    })
    return response.ok ? ((await response.json()) as ChartText) : undefined
  }

  /** The filters asked for, checked against what the reader may see. */
  async function contextOf(c: Context, staff: StaffPrincipal) {
    const asked = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''))
    const parsed = PageQuery.safeParse(asked)
    if (!parsed.success) throw new PageNotFound()
    const query = parsed.data
    const rounds = (await listRounds(deps.db, staff.municipalityId))
      .filter((r) => r.state !== 'draft')
      .sort((a, b) => a.opensAt.localeCompare(b.opensAt))
    const round = query.round ? rounds.find((r) => r.id === query.round) : rounds.at(-1)
    if (!round) throw new PageNotFound()
    const own = schoolScope(staff)
    const schools = await listSchools(deps.db, {
      municipalityId: staff.municipalityId,
      schoolId: own ?? null,
    })
    if (query.school && !schools.some((s) => s.id === query.school)) throw new PageNotFound()
    const definition = await definitionOf(deps, round)
    const genders = choiceLabels(
      definition.survey,
      definition.scoringSpec.background.genderItem,
      'da',
    )
    if (query.gender && !genders.has(query.gender)) throw new PageNotFound()
    const filters: Filters = query
    const choices: FilterChoices = {
      rounds: [...rounds]
        .reverse()
        .map((r) => ({ id: r.id, label: `${r.name} (${roundLabel(r)})` })),
      schools: schools.map((s) => ({ id: s.id, name: s.name })),
      ownSchool: own !== undefined,
      genders: [...genders].map(([value, label]) => ({ value, label })),
    }
    return {
      round,
      filters,
      choices,
      /** The filters every figure is read with: the round resolved, a school user's school. */
      selection: {
        round: round.id,
        school: own ?? query.school,
        grade: query.grade,
        gender: query.gender,
      },
      catalogue: measureCatalogue(definition.scoringSpec),
    }
  }

  app.get(
    '/overview',
    page(async (c, staff) => {
      const { round, filters, choices, selection, catalogue } = await contextOf(c, staff)
      const keyMeasures = catalogue.filter((m) => m.group === 'indicator' || m.id === 'who5.index')
      const groupFilters = {
        school: selection.school,
        grade: selection.grade,
        gender: selection.gender,
      }
      const concernUrl = `/api/analysis/charts/concern${filterQuery(
        { round: round.id, school: selection.school, grade: selection.grade },
        { by: selection.school ? 'grade' : 'school' },
      )}`
      const [values, comparison, progress, concernText] = await Promise.all([
        Promise.all(
          keyMeasures.map((m) =>
            aggregate(
              deps,
              staff,
              AggregateQuery.parse({ measure: m.id, rounds: round.id, ...groupFilters }),
            ),
          ),
        ),
        compareMeasures(
          deps,
          staff,
          CompareQuery.parse({ round: round.id, against: 'previous-year', ...groupFilters }),
        ).catch((error: unknown) => {
          // No round the school year before: the page shows values without a change.
          if (error instanceof AppError && error.status === 404) return undefined
          throw error
        }),
        roundProgress(deps.db, round.id, selection.school),
        chartText(c, concernUrl),
      ])
      const scaleOf = (id: string) => catalogue.find((m) => m.id === id)?.kind ?? 'proportion'
      const changeOf = (id: string): Comparison | undefined =>
        comparison?.comparisons.find((x) => x.measure === id)
      const counted = progress.filter(
        (p) => !selection.grade || String(p.grade) === selection.grade,
      )
      const movers = (comparison?.comparisons ?? [])
        .filter(
          (x) =>
            x.kind === 'change' && catalogue.find((m) => m.id === x.measure)?.group === 'factor',
        )
        .sort(
          (a, b) =>
            Math.abs(b.kind === 'change' ? b.difference : 0) -
            Math.abs(a.kind === 'change' ? a.difference : 0),
        )
        .slice(0, 5)
        .map((x) => ({ ...x, scale: scaleOf(x.measure) }))
      return render(
        c,
        staff,
        `Overblik: ${round.name}`,
        <OverviewPage
          filters={filters}
          choices={choices}
          roundLabel={`${round.name} (${roundLabel(round)})`}
          previousLabel={comparison?.baseline?.label ?? null}
          responses={{
            completed: counted.reduce((s, p) => s + p.completed, 0),
            expected: counted.reduce((s, p) => s + p.expectedPupils, 0),
          }}
          indicators={keyMeasures.map((m, index) => ({
            id: m.id,
            label: m.label.da,
            scale: m.kind,
            value: values[index]!.totals[0],
            change: changeOf(m.id),
          }))}
          movers={movers}
          concern={{ chartUrl: concernUrl, text: concernText }}
        />,
      )
    }),
  )

  app.get(
    '/measures/:measureId',
    page(async (c, staff) => {
      const { round, filters, choices, selection, catalogue } = await contextOf(c, staff)
      const measure = catalogue.find((m) => m.id === c.req.param('measureId'))
      if (!measure || measure.group === 'concern') throw new PageNotFound()
      const groupFilters = { grade: selection.grade, gender: selection.gender }
      const trendUrl = `/api/analysis/charts/trend${filterQuery(
        { school: selection.school, ...groupFilters },
        { measure: measure.id },
      )}`
      const schoolsUrl = `/api/analysis/charts/schools${filterQuery(groupFilters, {
        measure: measure.id,
        rounds: round.id,
      })}`
      const read = (by: string, rounds: string | undefined, school: string | undefined) =>
        aggregate(
          deps,
          staff,
          AggregateQuery.parse({ measure: measure.id, by, rounds, school, ...groupFilters }),
        )
      const [trend, schools, byGrade, byGender, trendText, schoolsText] = await Promise.all([
        read('round', undefined, selection.school),
        read('school', round.id, undefined),
        read('grade', round.id, selection.school),
        read('gender', round.id, selection.school),
        chartText(c, trendUrl),
        chartText(c, schoolsUrl),
      ])
      return render(
        c,
        staff,
        measure.label.da,
        <MeasurePage
          measureId={measure.id}
          label={measure.label.da}
          definition={measure.definition.da}
          scale={measure.kind}
          roundLabel={roundLabel(round)}
          filters={filters}
          choices={choices}
          suppressionRule={suppressionRule(deps.config.minGroupSize, 'da')}
          trend={{ chartUrl: trendUrl, text: trendText, rows: trend.groups }}
          schools={{ chartUrl: schoolsUrl, text: schoolsText, rows: schools.groups }}
          byGrade={byGrade.groups}
          byGender={byGender.groups}
        />,
      )
    }),
  )
  return app
}
