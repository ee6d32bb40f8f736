import { z } from '@hono/zod-openapi'

/** The query strings of the analysis API, validated at the edge. */
const MEASURE_ID = /^[a-z0-9.-]{1,120}$/
const commaList = <T extends z.ZodType<string, string>>(item: T, max: number) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(item).max(max))

/** The group filters and options every result query shares. */
export const GroupFilters = {
  school: z.uuid().optional(),
  grade: z.enum(['7', '8', '9']).optional(),
  gender: z
    .string()
    .regex(/^[a-z0-9-]{1,20}$/, 'must be an answer value of the gender question, e.g. 2')
    .optional(),
  includeFlagged: z.enum(['true', 'false']).default('false'),
  lang: z.enum(['da', 'en']).default('da'),
}

export const AggregateQuery = z.object({
  measure: z.string().regex(MEASURE_ID, 'must be a measure id such as indicator.drunk-30d'),
  by: commaList(z.enum(['round', 'school', 'grade', 'gender', 'class']), 3).default([]),
  rounds: commaList(z.uuid(), 20).optional(),
  benchmark: z.enum(['true', 'false']).default('false'),
  ...GroupFilters,
})
export type AggregateRequest = z.infer<typeof AggregateQuery>

export const CompareQuery = z.object({
  round: z.uuid(),
  against: z.enum(['baseline', 'previous-year', 'rest-of-municipality']).default('baseline'),
  baseline: z.uuid().optional(),
  measures: commaList(z.string().regex(MEASURE_ID, 'must be measure ids'), 200).optional(),
  by: z.enum(['school', 'grade', 'gender']).optional(),
  ...GroupFilters,
})
export type CompareRequest = z.infer<typeof CompareQuery>
