import type { ConcernLevelSpec } from '../../survey-definitions/scoring-spec.ts'

/** 1 thriving, 2 beginning concern, 3 concern, 4 serious concern (Børnelinealen's four steps). */
export type ConcernLevel = 1 | 2 | 3 | 4

/**
 * A pupil's concern level from the number of risk and protective factors present and WHO-5,
 * checked from the most serious step down (DOMAIN.md, "Concern level"). A missing WHO-5 satisfies
 * no WHO-5 condition. Only ever reported as shares of groups, never as a label on a child.
 *
 * @param spec - the thresholds
 * @param input - counts of factors present and the WHO-5 index (null when missing)
 * @returns the concern level
 * @example
 * concernLevel(shipped, { riskFactors: 1, protectiveFactors: 2, who5: 64 }) // → 2
 */
export function concernLevel(
  spec: ConcernLevelSpec,
  input: { riskFactors: number; protectiveFactors: number; who5: number | null },
): ConcernLevel {
  const who5AtOrBelow = (limit: number) => input.who5 !== null && input.who5 <= limit
  if (
    who5AtOrBelow(spec.serious.who5AtOrBelow) ||
    input.riskFactors >= spec.serious.riskFactorsAtLeast
  )
    return 4
  if (
    who5AtOrBelow(spec.concern.who5AtOrBelow) ||
    input.riskFactors >= spec.concern.riskFactorsAtLeast
  )
    return 3
  if (
    input.riskFactors >= spec.beginning.riskFactorsAtLeast &&
    input.protectiveFactors <= spec.beginning.protectiveFactorsAtMost
  ) {
    return 2
  }
  return 1
}
