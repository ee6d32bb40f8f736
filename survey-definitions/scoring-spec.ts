/**
 * The scoring spec: how answers to one questionnaire become measures (see DOMAIN.md, "Measures").
 * It is data that sits beside the SurveyJS JSON; the code that applies it knows no item names.
 */

/** A user-facing text in Danish with an English translation (more languages may follow). */
export interface LocalizedText {
  da: string
  en: string
}

/** The four domains of the Communities That Care youth survey. */
export type FactorDomain = 'family' | 'school' | 'peers-individual' | 'leisure-community'

export type FactorKind = 'risk' | 'protective'

/** One item of a scale; reverse-keyed items are mirrored as `max + min - value`. */
export interface ScaleItem {
  item: string
  reverse?: boolean
}

/**
 * A risk or protective factor: a scale of 2–5 items scored as the mean of the answered items.
 * A pupil is at risk / protected when the score is on the `direction` side of `cutPoint`
 * (exactly at the cut-point counts as beyond it).
 */
export interface FactorSpec {
  id: string
  kind: FactorKind
  domain: FactorDomain
  label: LocalizedText
  /** What the factor means and how the cut-point was chosen, in plain words. */
  description: LocalizedText
  items: ScaleItem[]
  /** The numeric range every item of the scale uses; needed to mirror reverse-keyed items. */
  scale: { min: number; max: number }
  /** Minimum share of items answered for a score; default 0.5, applied as ceil(share × items). */
  minAnsweredShare?: number
  cutPoint: number
  direction: '>=' | '<='
}

/**
 * A proportion from one item: the share of pupils whose answer is among `countedValues`.
 * Denominator: pupils who were shown the item (after `visibleIf`) and answered it.
 */
export interface IndicatorSpec {
  id: string
  label: LocalizedText
  description: LocalizedText
  item: string
  countedValues: number[]
  /** Whether a higher share is worse (risk behaviour) or better; drives wording and colours. */
  polarity: 'higher-is-worse' | 'higher-is-better'
}

/** WHO-5: five items 0–5, raw 0–25, index = raw × 4; missing if any item is missing. */
export interface Who5Spec {
  items: [string, string, string, string, string]
  reducedWellbeingAtOrBelow: number
  likelyDepressionAtOrBelow: number
}

/** Børnelinealen-style concern level thresholds; levels are checked from 4 down to 2. */
export interface ConcernLevelSpec {
  serious: { who5AtOrBelow: number; riskFactorsAtLeast: number }
  concern: { who5AtOrBelow: number; riskFactorsAtLeast: number }
  beginning: { riskFactorsAtLeast: number; protectiveFactorsAtMost: number }
}

/**
 * An impossible combination: the answer to `item` must not exceed the answer to `atMost`
 * (both on the same ordinal coding), e.g. drunk in the last 30 days more often than ever.
 */
export interface ImpossibleCombinationSpec {
  id: string
  description: LocalizedText
  item: string
  atMost: string
}

export interface ValiditySpec {
  honesty: { item: string; flaggedValues: number[] }
  fictitiousDrug: { item: string; flaggedValues: number[] }
  impossibleCombinations: ImpossibleCombinationSpec[]
  /**
   * Straight-lining: the same answer to every item on at least `minConsecutivePages`
   * consecutive pages among `pages` (the multi-item pages, in questionnaire order).
   */
  straightLining: { minConsecutivePages: number; pages: string[] }
  minCompletionSeconds: number
}

/** Background items results are broken down by (school and class come from the class code). */
export interface BackgroundSpec {
  /** The pupil's own answer for grade; values 7, 8, 9. */
  gradeItem: string
  /** Gender; each answer value's label comes from the questionnaire's choices. */
  genderItem: string
}

export interface ScoringSpec {
  /** Stable id of the spec; the version changes whenever any rule changes. */
  id: string
  version: string
  background: BackgroundSpec
  factors: FactorSpec[]
  indicators: IndicatorSpec[]
  who5: Who5Spec
  concernLevels: ConcernLevelSpec
  validity: ValiditySpec
}
