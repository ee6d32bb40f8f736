/** Runs `fn` repeatedly for about `ms` milliseconds after a warm-up; returns operations per second. */
export async function opsPerSecond(fn: () => unknown, ms = 1500): Promise<number> {
  const warmUntil = performance.now() + ms / 5
  while (performance.now() < warmUntil) await fn()
  let count = 0
  const start = performance.now()
  const until = start + ms
  while (performance.now() < until) {
    await fn()
    count++
  }
  return count / ((performance.now() - start) / 1000)
}

export interface Figure {
  name: string
  opsPerSecond: number
  baseline: string
  /** How many times slower than the baseline measured in the same run (1 = as fast). */
  costRatio: number
}

export function printFigures(title: string, figures: Figure[]): void {
  console.log(`\n${title}`)
  for (const f of figures) {
    console.log(
      `  ${f.name.padEnd(52)} ${f.opsPerSecond.toFixed(0).padStart(9)} ops/s  ${f.costRatio.toPrecision(3).padStart(8)} × ${f.baseline}`,
    )
  }
}
