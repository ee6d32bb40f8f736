import { z } from 'zod'
import type { ScoringSpec } from './scoring-spec.ts'

/** Runtime check of a scoring spec's shape; unknown fields are refused so typos never pass. */
const localizedText = z.strictObject({ da: z.string().min(1), en: z.string().min(1) })
const itemName = z.string().min(1)
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case')
const values = z.array(z.number().int()).min(1)

export const scoringSpecSchema = z.strictObject({
  id,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a semantic version such as 1.0.0'),
  background: z.strictObject({ gradeItem: itemName, genderItem: itemName }),
  factors: z.array(
    z.strictObject({
      id,
      kind: z.enum(['risk', 'protective']),
      domain: z.enum(['family', 'school', 'peers-individual', 'leisure-community']),
      label: localizedText,
      description: localizedText,
      items: z
        .array(z.strictObject({ item: itemName, reverse: z.boolean().optional() }))
        .min(2)
        .max(5),
      scale: z.strictObject({ min: z.number().int(), max: z.number().int() }),
      minAnsweredShare: z.number().gt(0).max(1).optional(),
      cutPoint: z.number(),
      direction: z.enum(['>=', '<=']),
    }),
  ),
  indicators: z.array(
    z.strictObject({
      id,
      label: localizedText,
      description: localizedText,
      item: itemName,
      countedValues: values,
      polarity: z.enum(['higher-is-worse', 'higher-is-better']),
    }),
  ),
  who5: z.strictObject({
    items: z.tuple([itemName, itemName, itemName, itemName, itemName]),
    reducedWellbeingAtOrBelow: z.number().min(0).max(100),
    likelyDepressionAtOrBelow: z.number().min(0).max(100),
  }),
  concernLevels: z.strictObject({
    serious: z.strictObject({
      who5AtOrBelow: z.number().min(0).max(100),
      riskFactorsAtLeast: z.number().int().min(1),
    }),
    concern: z.strictObject({
      who5AtOrBelow: z.number().min(0).max(100),
      riskFactorsAtLeast: z.number().int().min(1),
    }),
    beginning: z.strictObject({
      riskFactorsAtLeast: z.number().int().min(1),
      protectiveFactorsAtMost: z.number().int().min(0),
    }),
  }),
  validity: z.strictObject({
    honesty: z.strictObject({ item: itemName, flaggedValues: values }),
    fictitiousDrug: z.strictObject({ item: itemName, flaggedValues: values }),
    impossibleCombinations: z.array(
      z.strictObject({ id, description: localizedText, item: itemName, atMost: itemName }),
    ),
    straightLining: z.strictObject({
      minConsecutivePages: z.number().int().min(2),
      pages: z.array(z.string().min(1)),
    }),
    minCompletionSeconds: z.number().int().min(0),
  }),
}) satisfies z.ZodType<ScoringSpec>
