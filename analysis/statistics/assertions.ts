import type { ProportionCount } from './estimate.ts'

// Programming errors only: data that is merely too thin gets an Insufficient result instead.

export function assertFinite(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`)
}

export function assertCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`)
  }
}

export function assertProportionCount(name: string, count: ProportionCount): void {
  assertCount(`${name}.successes`, count.successes)
  assertCount(`${name}.n`, count.n)
  if (count.successes > count.n) {
    throw new RangeError(
      `${name}.successes (${count.successes}) must not exceed ${name}.n (${count.n})`,
    )
  }
}

export function assertProbability(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${value}`)
}
