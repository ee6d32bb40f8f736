import { createRoute, z } from '@hono/zod-openapi'
import {
  measureKind,
  summarizeGroup,
  type GroupSummary,
} from '../../analysis/aggregation/group-summary.ts'
import { compareWaves } from '../../analysis/comparison/compare-waves.ts'
import { suppressBreakdown } from '../../analysis/suppression/suppress-breakdown.ts'
import type { AppDeps, StaffPrincipal } from '../app-env.ts'
import { requireStaff } from '../auth/auth.middleware.ts'
import { findDefinition } from '../definitions/definitions.repository.ts'
import { AppError } from '../errors.ts'
import { createRouter, errorResponses, jsonResponse } from '../openapi.ts'
import { roundOf } from '../rounds/round-access.ts'
import type { SurveyRound } from '../rounds/rounds.repository.ts'
import { listClasses, listSchools } from '../schools/schools.repository.ts'
import { schoolScope } from '../scope.ts'
import { sumMeasureByGroup } from './results.repository.ts'

const ResultsQuery = z.object({
  roundId: z.uuid(),
  measure: z
    .string()
    .regex(/^[a-z0-9.-]{1,120}$/, 'must be a measure id such as indicator.drunk-30d'),
  groupBy: z.enum(['none', 'school', 'grade', 'gender', 'class']).default('none'),
  schoolId: z.uuid().optional(),
  includeFlagged: z.enum(['true', 'false']).default('false'),
})

const CompareQuery = z.object({
  roundId: z.uuid(),
  baselineRoundId: z.uuid(),
  /** Comma-separated measure ids; default: every indicator, factor and WHO-5. */
  measures: z
    .string()
    .regex(
      /^[a-z0-9.-]{1,120}(,[a-z0-9.-]{1,120}){0,99}$/,
      'must be measure ids separated by commas',
    )
    .optional(),
  schoolId: z.uuid().optional(),
})

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
const Released = z.union([
  z.object({ status: z.literal('shown'), key: z.string(), label: z.string(), figure: Figure }),
  z.object({
    status: z.literal('suppressed'),
    key: z.string(),
    label: z.string(),
    reason: z.enum(['too-few', 'complementary']),
  }),
])

/** Text for a suppressed group in every view: never a zero, never a number. */
export const SUPPRESSED_LABEL = 'for få besvarelser'

function genderLabels(survey: Record<string, unknown>, item: string): Map<string, string> {
  const labels = new Map<string, string>()
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit)
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>
      if (record.name === item && Array.isArray(record.choices)) {
        for (const choice of record.choices as Array<{ value: unknown; text?: unknown }>) {
          const text = choice.text as { default?: string } | string | undefined
          labels.set(
            String(choice.value),
            typeof text === 'string' ? text : (text?.default ?? String(choice.value)),
          )
        }
      } else Object.values(record).forEach(visit)
    }
  }
  visit(survey)
  return labels
}

/** The school a result is limited to: a school user's own, or the one asked for (404 if not theirs). */
function resultSchool(staff: StaffPrincipal, asked: string | undefined): string | undefined {
  const own = schoolScope(staff)
  if (own && asked && asked !== own) throw new AppError(404, 'not_found', 'School was not found')
  return own ?? asked
}

async function definitionOf(deps: AppDeps, round: SurveyRound) {
  const definition = await findDefinition(deps.db, round.definitionId)
  if (!definition) throw new Error(`round ${round.id} names a missing questionnaire version`)
  return definition
}

/**
 * Results of one measure for one round, grouped, with the minimum group size and complementary
 * suppression applied before anything leaves the server.
 */
export function resultsRoutes(deps: AppDeps) {
  const app = createRouter()
  app.use('*', requireStaff(deps))

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary:
        'One measure for one round by school, grade, gender or class; small groups suppressed',
      request: { query: ResultsQuery },
      responses: {
        200: jsonResponse(
          z.object({
            measure: z.string(),
            kind: z.enum(['proportion', 'mean']),
            minGroupSize: z.number(),
            specVersion: z.string(),
            excludedAsInvalid: z.number().nullable(),
            total: Released,
            groups: z.array(Released),
          }),
          'Results',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const staff = c.var.staff
      const query = c.req.valid('query')
      if (query.groupBy === 'class' && staff.role !== 'admin') {
        throw new AppError(403, 'forbidden', 'Results by class are for administrators only.')
      }
      const round = await roundOf(deps, staff, query.roundId)
      const schoolId = resultSchool(staff, query.schoolId)
      const definition = await definitionOf(deps, round)
      const { groups, excludedAsInvalid } = await sumMeasureByGroup(deps.db, {
        municipalityId: staff.municipalityId,
        roundId: round.id,
        measure: query.measure,
        groupBy: query.groupBy,
        schoolId,
        includeFlagged: query.includeFlagged === 'true',
      })
      const kind = measureKind(query.measure)
      const k = deps.config.minGroupSize

      const labels = new Map<string, string>()
      if (query.groupBy === 'school')
        for (const s of await listSchools(deps.db, { municipalityId: staff.municipalityId }))
          labels.set(s.id, s.name)
      if (query.groupBy === 'class')
        for (const cl of await listClasses(deps.db, { municipalityId: staff.municipalityId }))
          labels.set(cl.id, cl.label)
      if (query.groupBy === 'grade')
        for (const g of [7, 8, 9]) labels.set(String(g), `${g}. klasse`)
      if (query.groupBy === 'gender')
        for (const [key, label] of genderLabels(
          definition.survey,
          definition.scoringSpec.background.genderItem,
        ))
          labels.set(key, label)
      labels.set('unknown', 'Ikke oplyst')

      const totalSums = groups.reduce(
        (t, g) => ({
          key: 'total',
          n: t.n + g.n,
          sum: t.sum + g.sum,
          sumOfSquares: t.sumOfSquares + g.sumOfSquares,
        }),
        { key: 'total', n: 0, sum: 0, sumOfSquares: 0 },
      )
      const summaries = new Map<string, GroupSummary>(
        groups.map((g) => [g.key, summarizeGroup(kind, g)]),
      )
      const released = suppressBreakdown(
        {
          total: { key: 'total', n: totalSums.n, value: summarizeGroup(kind, totalSums) },
          cells:
            query.groupBy === 'none'
              ? []
              : groups.map((g) => ({
                  key: g.key,
                  n: g.n,
                  value: summaries.get(g.key) as GroupSummary,
                })),
        },
        k,
      )
      const toWire = (r: (typeof released.cells)[number], label: string) =>
        r.kind === 'shown'
          ? { status: 'shown' as const, key: r.key, label, figure: r.value }
          : { status: 'suppressed' as const, key: r.key, label, reason: r.reason }
      return c.json(
        {
          measure: query.measure,
          kind,
          minGroupSize: k,
          specVersion: definition.scoringSpec.version,
          // A count of excluded responses is itself a figure about the group: only with the total.
          excludedAsInvalid: released.total.kind === 'shown' ? excludedAsInvalid : null,
          total: toWire(released.total, schoolId ? (labels.get(schoolId) ?? 'Skolen') : 'Kommunen'),
          groups: released.cells
            .map((cell) => toWire(cell, labels.get(cell.key) ?? cell.key))
            .sort((a, b) => a.label.localeCompare(b.label, 'da')),
        },
        200,
      )
    },
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/compare',
      summary:
        'Baseline (or last year) against follow-up for many measures, with BH-adjusted verdicts',
      request: { query: CompareQuery },
      responses: {
        200: jsonResponse(
          z.object({
            minGroupSize: z.number(),
            comparisons: z.array(z.record(z.string(), z.unknown())),
          }),
          'Comparisons',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const staff = c.var.staff
      const query = c.req.valid('query')
      const followUp = await roundOf(deps, staff, query.roundId)
      const baseline = await roundOf(deps, staff, query.baselineRoundId)
      const schoolId = resultSchool(staff, query.schoolId)
      const definition = await definitionOf(deps, followUp)
      const measures = query.measures?.split(',') ?? [
        ...definition.scoringSpec.indicators.map((i) => `indicator.${i.id}`),
        ...definition.scoringSpec.factors.map((f) => `factor.${f.id}.present`),
        'who5.index',
      ]
      const totalOf = async (roundId: string, measure: string) => {
        const { groups } = await sumMeasureByGroup(deps.db, {
          municipalityId: staff.municipalityId,
          roundId,
          measure,
          groupBy: 'none',
          schoolId,
          includeFlagged: false,
        })
        return groups[0] ?? { key: 'total', n: 0, sum: 0, sumOfSquares: 0 }
      }
      const sums = []
      for (const measure of measures) {
        sums.push({
          measure,
          kind: measureKind(measure),
          baseline: await totalOf(baseline.id, measure),
          followUp: await totalOf(followUp.id, measure),
        })
      }
      return c.json(
        {
          minGroupSize: deps.config.minGroupSize,
          comparisons: compareWaves(sums, deps.config.minGroupSize),
        },
        200,
      )
    },
  )
  return app
}
