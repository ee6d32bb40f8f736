import { createRoute, z } from '@hono/zod-openapi'
import type { Selection } from '../../analysis/aggregation/released-round.ts'
import { measureCatalogue } from '../../analysis/measures/measure-catalogue.ts'
import type { AppDeps, StaffPrincipal } from '../app-env.ts'
import { requireStaff } from '../auth/auth.middleware.ts'
import { AppError } from '../errors.ts'
import { createRouter, errorResponses, jsonResponse } from '../openapi.ts'
import { deploymentBenchmark, referenceBenchmarks, type Benchmark } from './benchmarks.ts'
import { compareMeasures } from './compare-measures.ts'
import {
  LABEL_ORDER,
  loadGroupLabels,
  roundLabel,
  SUPPRESSED_TEXT,
  suppressionRule,
  type GroupDimension,
  type Locale,
} from './group-labels.ts'
import { AggregateQuery, CompareQuery, type AggregateRequest } from './analysis-queries.ts'
import { definitionOf, resultRounds, selectionOf, withoutSchool } from './result-rounds.ts'
import { releaseRounds, type ReleasedFigure } from './round-releases.ts'

const Figure = z.union([
  z.object({
    kind: z.literal('proportion'),
    n: z.number(),
    proportion: z.number(),
    lower: z.number(),
    upper: z.number(),
  }),
  z.object({
    kind: z.literal('mean'),
    n: z.number(),
    mean: z.number(),
    sd: z.number().nullable(),
    lower: z.number().nullable(),
    upper: z.number().nullable(),
  }),
  z.object({ kind: z.literal('insufficient'), reason: z.string() }),
])
const Group = z.record(z.string(), z.object({ key: z.string(), label: z.string() }))
const ResultRow = z.union([
  z.object({
    round: z.string(),
    group: Group,
    status: z.literal('shown'),
    figure: Figure,
    missing: z.number(),
  }),
  z.object({
    round: z.string(),
    group: Group,
    status: z.literal('suppressed'),
    reason: z.enum(['too-few', 'complementary']),
    text: z.string(),
  }),
])

/**
 * Measures, aggregates, comparisons and benchmarks (the analysis API). Every figure is read from
 * one suppression pattern per round and measure, whatever breakdown or filter asks for it.
 */
export function analysisRoutes(deps: AppDeps) {
  const app = createRouter()
  app.use('*', requireStaff(deps))

  app.openapi(
    createRoute({
      method: 'get',
      path: '/measures',
      summary: 'Every measure of a round’s questionnaire, with its exact definition in words',
      request: { query: z.object({ round: z.uuid().optional() }) },
      responses: {
        200: jsonResponse(
          z.object({
            questionnaire: z.object({ id: z.string(), version: z.number() }),
            specVersion: z.string(),
            measures: z.array(z.record(z.string(), z.unknown())),
          }),
          'Measures',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { round: roundId } = c.req.valid('query')
      const [round] = await resultRounds(deps, c.var.staff, roundId ? [roundId] : undefined, false)
      const definition = await definitionOf(deps, round!)
      return c.json(
        {
          questionnaire: { id: definition.questionnaireId, version: definition.version },
          specVersion: definition.scoringSpec.version,
          measures: measureCatalogue(definition.scoringSpec) as unknown as Record<
            string,
            unknown
          >[],
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/aggregate',
      summary:
        'One measure grouped by round, school, grade, gender or (admins) class, filtered; small groups suppressed',
      request: { query: AggregateQuery },
      responses: {
        200: jsonResponse(
          z.object({
            measure: z.record(z.string(), z.unknown()),
            minGroupSize: z.number(),
            suppression: z.object({ rule: z.string(), suppressedGroups: z.number() }),
            rounds: z.array(
              z.object({
                id: z.string(),
                label: z.string(),
                schoolYear: z.string(),
                waveLabel: z.string().nullable(),
                specVersion: z.string(),
                excludedAsInvalid: z.number().nullable(),
              }),
            ),
            totals: z.array(ResultRow),
            groups: z.array(ResultRow),
            benchmarks: z.array(z.record(z.string(), z.unknown())),
          }),
          'Aggregate',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const staff = c.var.staff
      const query = c.req.valid('query')
      return c.json(await aggregate(deps, staff, query), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/compare',
      summary:
        'A round against its baseline, the previous year or (for a school) the rest of the municipality, for many measures, with BH-adjusted verdicts in words',
      request: { query: CompareQuery },
      responses: {
        200: jsonResponse(z.record(z.string(), z.unknown()), 'Comparisons'),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await compareMeasures(deps, c.var.staff, c.req.valid('query')), 200),
  )
  return app
}

type Row = z.infer<typeof ResultRow>

/** A released figure as a result row of the aggregate answer; suppressed ones say so in words. */
export const resultRow = (
  roundId: string,
  group: Row['group'],
  figure: ReleasedFigure,
  locale: Locale,
): Row =>
  figure.status === 'shown'
    ? { round: roundId, group, ...figure }
    : { round: roundId, group, ...figure, text: SUPPRESSED_TEXT[locale] }

/** One measure grouped and filtered over one or more rounds, as the aggregate endpoint answers. */
export async function aggregate(deps: AppDeps, staff: StaffPrincipal, query: AggregateRequest) {
  const locale = query.lang
  if (query.by.includes('class')) {
    if (staff.role !== 'admin') {
      throw new AppError(403, 'forbidden', 'Results by class are for administrators only.')
    }
    if (query.by.includes('gender') || query.gender) {
      throw new AppError(400, 'validation_failed', 'Classes are shown whole, not by gender.')
    }
  }
  const selection = selectionOf(staff, query)
  const rounds = await resultRounds(deps, staff, query.rounds, query.by.includes('round'))
  const definitions = new Map(
    await Promise.all(rounds.map(async (r) => [r.id, await definitionOf(deps, r)] as const)),
  )
  const newest = definitions.get(rounds.at(-1)!.id)!
  const measure = measureCatalogue(newest.scoringSpec).find((m) => m.id === query.measure)
  if (!measure) {
    throw new AppError(
      400,
      'validation_failed',
      `"${query.measure}" is not a measure of this questionnaire; GET /api/analysis/measures lists them.`,
    )
  }
  const releases = await releaseRounds(
    deps,
    staff.municipalityId,
    rounds,
    [query.measure],
    query.includeFlagged === 'true',
  )
  const labels = await loadGroupLabels(deps.db, staff.municipalityId, rounds, newest, locale, {
    classes: query.by.includes('class'),
  })
  const groupOf = (entries: [GroupDimension, string][]) =>
    Object.fromEntries(entries.map(([d, key]) => [d, { key, label: labels.label(d, key) }]))
  const row = (roundId: string, group: ReturnType<typeof groupOf>, figure: ReleasedFigure): Row =>
    resultRow(roundId, group, figure, locale)

  const totals: Row[] = []
  const groups: Row[] = []
  const splitBy = query.by.filter((d) => d !== 'round')
  for (const round of rounds) {
    const release = releases.get(round.id)!.get(query.measure)!
    const total = release.figure(selection)
    if (total) totals.push(row(round.id, groupOf([['round', round.id]]), total))
    if (splitBy.includes('class')) {
      for (const classId of release.released.values('class', selection)) {
        const figure = release.classFigure(classId)
        if (figure)
          groups.push(
            row(
              round.id,
              groupOf([
                ['round', round.id],
                ['class', classId],
              ]),
              figure,
            ),
          )
      }
      continue
    }
    const dims = splitBy as Array<'school' | 'grade' | 'gender'>
    if (dims.length === 0) {
      if (query.by.includes('round') && total) groups.push(totals.at(-1)!)
      continue
    }
    let combos: Selection[] = [{}]
    for (const d of dims) {
      const values = release.released.values(d, selection)
      combos = combos.flatMap((combo) => values.map((v) => ({ ...combo, [d]: v })))
    }
    const roundGroups: Row[] = []
    for (const combo of combos) {
      const figure = release.figure({ ...selection, ...combo })
      if (!figure) continue
      const entries: [GroupDimension, string][] = [['round', round.id]]
      for (const d of dims) entries.push([d, combo[d]!])
      roundGroups.push(row(round.id, groupOf(entries), figure))
    }
    const byLabel = (a: Row, b: Row) =>
      dims
        .map((d) => LABEL_ORDER.compare(a.group[d]?.label ?? '', b.group[d]?.label ?? ''))
        .find((x) => x !== 0) ?? 0
    groups.push(...roundGroups.sort(byLabel))
  }

  const benchmarks: Benchmark[] = []
  if (query.benchmark === 'true') {
    const newestRound = rounds.at(-1)!
    const filters = withoutSchool(selection)
    benchmarks.push(
      await deploymentBenchmark(
        deps,
        newestRound,
        newest.questionnaireId,
        query.measure,
        filters,
        query.includeFlagged === 'true',
      ),
      ...(await referenceBenchmarks(deps, staff.municipalityId, query.measure, filters)),
    )
  }

  const shownTotal = (roundId: string) =>
    totals.find((t) => t.round === roundId)?.status === 'shown'
  const rows = [...totals, ...groups.filter((g) => !totals.includes(g))]
  return {
    measure: { ...measure, label: measure.label[locale], definition: measure.definition[locale] },
    minGroupSize: deps.config.minGroupSize,
    suppression: {
      rule: suppressionRule(deps.config.minGroupSize, locale),
      suppressedGroups: rows.filter((r) => r.status === 'suppressed').length,
    },
    rounds: rounds.map((r) => ({
      id: r.id,
      label: roundLabel(r),
      schoolYear: r.schoolYear,
      waveLabel: r.waveLabel,
      specVersion: definitions.get(r.id)!.scoringSpec.version,
      // A count of excluded responses is itself a figure about the group: only beside its total.
      excludedAsInvalid: shownTotal(r.id)
        ? releases.get(r.id)!.get(query.measure)!.excludedAsInvalid(selection)
        : null,
    })),
    totals,
    groups,
    benchmarks: benchmarks as unknown as Record<string, unknown>[],
  }
}
