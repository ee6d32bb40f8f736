export { benjaminiHochberg } from './benjamini-hochberg.ts'
export { cohensH, describeEffectSize, type EffectSizeLabel } from './cohens-h.ts'
export { compareProportions, type ProportionComparison } from './compare-proportions.ts'
export {
  insufficient,
  type Insufficient,
  type MeanSummary,
  type ProportionCount,
} from './estimate.ts'
export { fisherExactTest, type FisherExactTest, type TwoByTwoTable } from './fisher-exact-test.ts'
export { regularizedIncompleteBeta } from './incomplete-beta.ts'
export { meanInterval, type MeanInterval } from './mean-interval.ts'
export { complementaryErrorFunction, standardNormalCdf } from './normal-distribution.ts'
export { studentTCdf, studentTQuantile } from './student-t.ts'
export { twoProportionZTest, type TwoProportionZTest } from './two-proportion-test.ts'
export { welchTTest, type WelchTTest } from './welch-t-test.ts'
export { wilsonInterval, Z_95, type WilsonInterval } from './wilson-interval.ts'
