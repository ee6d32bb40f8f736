import { z } from '@hono/zod-openapi'
import { Hono } from 'hono'
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { Selection } from '../../analysis/aggregation/released-round.ts'
import { concernChart } from '../../analysis/charts/concern-chart.ts'
import { measureCatalogue } from '../../analysis/measures/measure-catalogue.ts'
import { StaffLayout } from '../../web/staff/staff-layout.tsx'
import type { ChartText } from '../../web/staff/chart-figure.tsx'
import { filterQuery, type FilterChoices, type Filters } from '../../web/staff/filter-form.tsx'
import {
  ComparisonPage,
  type CompareFilters,
  type CompareRow,
} from '../../web/staff/comparison-page.tsx'
import type { Comparison, ResultRow } from '../../web/staff/figure-text.tsx'
import { MeasurePage } from '../../web/staff/measure-page.tsx'
import { OverviewPage } from '../../web/staff/overview-page.tsx'
import { ProfilePage } from '../../web/staff/profile-page.tsx'
import { AggregateQuery, CompareQuery } from '../analysis/analysis-queries.ts'
import { aggregate, resultRow } from '../analysis/analysis.routes.ts'
import { chartsRoutes, profileChartOf } from '../analysis/charts.routes.ts'
import { compareWithReleases } from '../analysis/compare-measures.ts'
import { answerDistributions } from '../analysis/answer-distribution.ts'
import { concernGroups } from '../analysis/concern-groups.ts'
import { choiceLabels, roundLabel, suppressionRule } from '../analysis/group-labels.ts'
import { definitionOf, previousYearRound, withoutSchool } from '../analysis/result-rounds.ts'
import { releaseRounds, type ReleasedFigure } from '../analysis/round-releases.ts'
import type { AppDeps, StaffPrincipal } from '../app-env.ts'
import { sessionStaff } from '../auth/auth.middleware.ts'
import { AppError } from '../errors.ts'
import { roundProgress } from '../responses/responses.repository.ts'
import { roundOf } from '../rounds/round-access.ts'
import { listRounds, type SurveyRound } from '../rounds/rounds.repository.ts'
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

/** The comparison page's own parameters, beside the round and school of PageQuery. */
const ComparePageQuery = z.object({
  baseline: z.uuid().optional(),
  by: z.enum(['grade', 'gender']).optional(),
  against: z.enum(['baseline', 'rest-of-municipality']).optional(),
})

/** A released figure as the aggregate API answers it, for the figure components. */
const releasedRow = (roundId: string, figure: ReleasedFigure | undefined): ResultRow | undefined =>
  figure && resultRow(roundId, {}, figure, 'da')

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

  /** One round's release of some measures, for a page with no comparison to take it from. */
  const releaseOwn = (staff: StaffPrincipal, round: SurveyRound, measures: Array<{ id: string }>) =>
    releaseRounds(
      deps,
      staff.municipalityId,
      [round],
      measures.map((m) => m.id),
      false,
    )

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
      const concernBy = selection.school ? 'grade' : 'school'
      const concernUrl = `/api/analysis/charts/concern${filterQuery(
        { round: round.id, school: selection.school, grade: selection.grade },
        { by: concernBy },
      )}`
      // The comparison releases every key measure of the round; without a year before, they are
      // released on their own. The concern groups feed both the chart text and its table.
      const [compared, progress, concern] = await Promise.all([
        compareWithReleases(
          deps,
          staff,
          CompareQuery.parse({ round: round.id, against: 'previous-year', ...groupFilters }),
        ).catch((error: unknown) => {
          // No round the school year before: the page shows values without a change.
          if (error instanceof AppError && error.status === 404) return undefined
          throw error
        }),
        roundProgress(deps.db, round.id, selection.school),
        concernGroups(deps, staff, {
          round: round.id,
          by: concernBy,
          school: selection.school,
          grade: selection.grade,
          lang: 'da',
        }),
      ])
      const comparison = compared?.comparison
      const releases = compared?.releases ?? (await releaseOwn(staff, round, keyMeasures))
      const valueOf = (id: string) => {
        const figure = releases.get(round.id)!.get(id)!.figure(selection)
        return releasedRow(round.id, figure)
      }
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
          roundId={round.id}
          previousLabel={comparison?.baseline?.label ?? null}
          responses={{
            completed: counted.reduce((s, p) => s + p.completed, 0),
            expected: counted.reduce((s, p) => s + p.expectedPupils, 0),
          }}
          indicators={keyMeasures.map((m) => ({
            id: m.id,
            label: m.label.da,
            scale: m.kind,
            value: valueOf(m.id),
            change: changeOf(m.id),
          }))}
          movers={movers}
          concern={{
            chartUrl: concernUrl,
            text: concernChart({ groups: concern, locale: 'da' }),
            groups: concern,
            groupHeading: concernBy === 'grade' ? 'Klassetrin' : 'Skole',
          }}
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
      const [trend, schools, byGrade, byGender, trendText, schoolsText, definition] =
        await Promise.all([
          read('round', undefined, selection.school),
          read('school', round.id, undefined),
          read('grade', round.id, selection.school),
          read('gender', round.id, selection.school),
          chartText(c, trendUrl),
          chartText(c, schoolsUrl),
          definitionOf(deps, round),
        ])
      // The answers behind the figure, only for a group whose figure is shown.
      const answers =
        byGrade.totals[0]?.status === 'shown'
          ? await answerDistributions(deps, round.id, definition, measure.items, selection)
          : null
      const schoolName = choices.schools.find((s) => s.id === selection.school)?.name
      const genderName = choices.genders.find((g) => g.value === selection.gender)?.label
      const groupLabel = [
        'eleverne',
        genderName ? `(${genderName})` : '',
        selection.grade ? `i ${selection.grade}. klasse` : '',
        schoolName ? `på ${schoolName}` : 'i kommunen',
      ]
        .filter(Boolean)
        .join(' ')
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
          answers={answers}
          groupLabel={groupLabel}
          exportUrl={`/api/exports/aggregate${filterQuery(groupFilters, {
            measure: measure.id,
            by: 'school',
            rounds: round.id,
          })}`}
        />,
      )
    }),
  )

  app.get(
    '/profile',
    page(async (c, staff) => {
      const { round, choices, selection, catalogue } = await contextOf(c, staff)
      const school = selection.school
      const factors = catalogue.filter((m) => m.group === 'factor')
      const previous = school ? undefined : await previousYearRound(deps, staff, round)
      const chartUrl = `/api/analysis/charts/profile${filterQuery({ round: round.id, school })}`
      // The factors are read from one release of every factor, as the profile chart reads them;
      // the comparison releases exactly those rounds and factors, so its release is reused.
      const compared =
        school || previous
          ? await compareWithReleases(
              deps,
              staff,
              CompareQuery.parse({
                round: round.id,
                // A school is tested against the rest of the municipality, so that its own
                // pupils are not on both sides of the test.
                against: school ? 'rest-of-municipality' : 'previous-year',
                school,
                measures: factors.map((f) => f.id).join(','),
              }),
            )
          : undefined
      const changes = compared?.comparison
      const releases = compared?.releases ?? (await releaseOwn(staff, round, factors))
      const chart = await profileChartOf(
        deps,
        staff,
        { round: round.id, school, lang: 'da' },
        undefined,
        releases,
      )
      const at: Selection = school ? { school } : {}
      const figureOf = (roundId: string, measure: string, selection: Selection) =>
        releasedRow(roundId, releases.get(roundId)!.get(measure)!.figure(selection))
      const subjectLabel = school
        ? (choices.schools.find((s) => s.id === school)?.name ?? '')
        : 'Kommunen'
      return render(
        c,
        staff,
        `Profil: ${subjectLabel}`,
        <ProfilePage
          filters={{ round: round.id, school }}
          choices={choices}
          roundLabel={roundLabel(round)}
          subjectLabel={subjectLabel}
          comparisonLabel={school ? 'Kommunen' : previous ? roundLabel(previous) : null}
          changeHeading={
            school
              ? 'Forskel fra resten af kommunen'
              : previous
                ? `Ændring siden ${roundLabel(previous)}`
                : null
          }
          changeNote={
            school
              ? 'Forskellen er testet mod resten af kommunen (kommunen uden skolen), så skolens egne elever ikke tæller på begge sider.'
              : null
          }
          suppressionRule={suppressionRule(deps.config.minGroupSize, 'da')}
          chart={{ chartUrl, text: chart }}
          factors={factors.map((f) => ({
            measure: f.id,
            label: f.label.da,
            kind: f.factor!.kind,
            domain: f.factor!.domain,
            value: figureOf(round.id, f.id, at),
            comparison: school
              ? figureOf(round.id, f.id, withoutSchool(at))
              : previous && figureOf(previous.id, f.id, {}),
            change: changes?.comparisons.find((x) => x.measure === f.id),
          }))}
        />,
      )
    }),
  )

  app.get(
    '/compare',
    page(async (c, staff) => {
      const { round, choices, selection, catalogue } = await contextOf(c, staff)
      const asked = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''))
      const parsed = ComparePageQuery.safeParse(asked)
      if (!parsed.success) throw new PageNotFound()
      const query = parsed.data
      const school = selection.school
      // Rounds are listed newest first: the default baseline is the oldest with results.
      const baselineId = query.baseline ?? choices.rounds.at(-1)!.id
      const baselineRound = await roundOf(deps, staff, baselineId)
      if (baselineRound.state === 'draft') throw new PageNotFound()
      const against =
        school && query.against === 'rest-of-municipality' ? query.against : 'baseline'
      const filters: CompareFilters = {
        round: round.id,
        baseline: against === 'baseline' ? baselineId : undefined,
        school,
        by: query.by,
        against,
      }
      const frame = {
        filters,
        choices,
        schoolChosen: school !== undefined,
        suppressionRule: suppressionRule(deps.config.minGroupSize, 'da'),
      }
      if (against === 'baseline' && baselineId === round.id) {
        const label = roundLabel(round)
        return render(
          c,
          staff,
          'Sammenligning',
          <ComparisonPage
            {...frame}
            baselineLabel={label}
            followUpLabel={label}
            notice="Vælg to forskellige målinger: en basismåling og en opfølgning."
            summary=""
            chart={null}
            groups={[]}
          />,
        )
      }
      const chartUrl = `/api/analysis/charts/dumbbell${filterQuery(
        { round: round.id, school },
        { against, baseline: filters.baseline },
      )}`
      const { comparison: result, releases } = await compareWithReleases(
        deps,
        staff,
        CompareQuery.parse({
          round: round.id,
          against,
          baseline: filters.baseline,
          school,
          by: query.by,
        }),
      )
      // The chart's own text alternative would run the whole comparison a second time; the
      // summary stands in for it, and the table below gives every measure's figures in words.
      const chart = {
        title: 'Udgangspunkt og opfølgning for hvert mål',
        altText: `${result.summary} Tallene for hvert mål står i tabellen nedenfor.`,
      }
      // Each side's 95 % interval, read from the release the comparison itself was made from.
      const rowOf = (measure: string, roundId: string, group: string | undefined) =>
        releasedRow(
          roundId,
          releases
            .get(roundId)!
            .get(measure)!
            .figure({
              ...(school ? { school } : {}),
              ...(query.by && group ? { [query.by]: group } : {}),
            }),
        )
      const groups = new Map<string | null, { label: string | null; rows: CompareRow[] }>()
      for (const comparison of result.comparisons) {
        const group = query.by ? comparison.group?.[query.by] : undefined
        const key = group?.key ?? null
        if (!groups.has(key)) groups.set(key, { label: group?.label ?? null, rows: [] })
        groups.get(key)!.rows.push({
          comparison,
          scale: catalogue.find((m) => m.id === comparison.measure)?.kind ?? 'proportion',
          baselineRow: filters.baseline
            ? rowOf(comparison.measure, filters.baseline, group?.key)
            : undefined,
          followUpRow: rowOf(comparison.measure, round.id, group?.key),
        })
      }
      const schoolName = choices.schools.find((s) => s.id === school)?.name ?? ''
      return render(
        c,
        staff,
        'Sammenligning',
        <ComparisonPage
          {...frame}
          baselineLabel={result.baseline?.label ?? 'Resten af kommunen'}
          followUpLabel={
            result.baseline ? result.round.label : `${schoolName}, ${result.round.label}`
          }
          notice={null}
          summary={result.summary}
          chart={{ chartUrl, text: chart }}
          groups={[...groups.values()]}
        />,
      )
    }),
  )
  return app
}
