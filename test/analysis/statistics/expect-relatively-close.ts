import { expect } from 'vitest'

/**
 * Asserts |actual − expected| ≤ tolerance · |expected|: tail probabilities such as 1e-12 need a
 * relative check, which toBeCloseTo's fixed number of decimals cannot express.
 */
export function expectRelativelyClose(actual: number, expected: number, tolerance: number): void {
  const relativeError =
    expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected)
  expect(relativeError, `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance)
}
