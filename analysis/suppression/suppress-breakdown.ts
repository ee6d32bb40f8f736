/**
 * A group's figure as it may leave the server: shown with its numbers, or suppressed without any
 * (not even n), so no figure about fewer than k pupils can be read or recomputed.
 */
export type Released<T> =
  | { kind: 'shown'; key: string; n: number; value: T }
  | { kind: 'suppressed'; key: string; reason: 'too-few' | 'complementary' }

export interface GroupFigure<T> {
  key: string
  /** Respondents in the group (the denominator of its figure). */
  n: number
  value: T
}

export interface Breakdown<T> {
  total: GroupFigure<T>
  /** A partition of the total (e.g. the total split by gender); cells' n add up to the total's. */
  cells: GroupFigure<T>[]
}

export interface ReleasedBreakdown<T> {
  total: Released<T>
  cells: Released<T>[]
}

const show = <T>(g: GroupFigure<T>): Released<T> => ({
  kind: 'shown',
  key: g.key,
  n: g.n,
  value: g.value,
})
const hide = <T>(g: GroupFigure<T>, reason: 'too-few' | 'complementary'): Released<T> => ({
  kind: 'suppressed',
  key: g.key,
  reason,
})

/**
 * Minimum group size with complementary suppression (DOMAIN.md, "Reporting rules"; the classic
 * primary/secondary cell suppression of statistical disclosure control, e.g. Hundepool et al.,
 * Statistical Disclosure Control, 2012, ch. 4). A group with fewer than k respondents is
 * suppressed. When the total is shown, the suppressed cells together could be recovered by
 * subtracting the shown cells from it, so further cells are suppressed, smallest first, until at
 * least two cells are suppressed and together they hold at least k respondents. A total below
 * k suppresses everything.
 *
 * @param breakdown - a total and the cells that partition it
 * @param k - the minimum group size
 * @returns the total and the cells, each shown or suppressed, in the cells' original order
 * @throws RangeError when k is not a positive integer or the cells do not add up to the total
 * @example
 * suppressBreakdown({ total: { key: 'school', n: 40, value: 0.3 }, cells: [
 *   { key: 'boys', n: 22, value: 0.2 }, { key: 'girls', n: 15, value: 0.4 },
 *   { key: 'other', n: 3, value: 1 } ] }, 5)
 * // → total shown; 'other' suppressed (too-few), 'girls' suppressed (complementary), 'boys' shown
 */
export function suppressBreakdown<T>(breakdown: Breakdown<T>, k: number): ReleasedBreakdown<T> {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`)
  const { total, cells } = breakdown
  const sum = cells.reduce((s, c) => s + c.n, 0)
  if (cells.length > 0 && sum !== total.n) {
    throw new RangeError(
      `the cells hold ${sum} respondents but the total ${total.n}; a breakdown must partition its total`,
    )
  }
  if (total.n < k) {
    return { total: hide(total, 'too-few'), cells: cells.map((c) => hide(c, 'too-few')) }
  }
  const suppressed = new Map<string, 'too-few' | 'complementary'>()
  for (const cell of cells) if (cell.n < k) suppressed.set(cell.key, 'too-few')
  if (suppressed.size > 0) {
    const bySize = [...cells].sort((a, b) => a.n - b.n || a.key.localeCompare(b.key))
    const hiddenN = () => cells.filter((c) => suppressed.has(c.key)).reduce((s, c) => s + c.n, 0)
    for (const candidate of bySize) {
      if (suppressed.size >= 2 && hiddenN() >= k) break
      if (!suppressed.has(candidate.key)) suppressed.set(candidate.key, 'complementary')
    }
  }
  return {
    total: show(total),
    cells: cells.map((c) => {
      const reason = suppressed.get(c.key)
      return reason ? hide(c, reason) : show(c)
    }),
  }
}
