import type { Released } from './suppress-breakdown.ts'

/** The coordinate of a margin: "every value of this dimension" (e.g. all grades). */
export const ALL = '*'

export interface TableDimension {
  name: string
}

/** One finest-grained group (every dimension fixed), e.g. one gender in one class. */
export interface TableLeaf<T> {
  coordinates: string[]
  n: number
  value: T
}

export interface ReleasedTable<T> {
  /** The released cell at these coordinates (ALL for a margin), or undefined if nobody is in it. */
  get(coordinates: readonly string[]): Released<T> | undefined
  /** How many cells of the whole table, margins included, are suppressed. */
  suppressedCount: number
}

interface Cell<T> {
  key: string
  coordinates: string[]
  n: number
  value: T
}

/** One additive relation of the table: a margin is the sum of its cells along one dimension. */
interface Line {
  total: string
  members: string[]
}

const keyOf = (coordinates: readonly string[]): string => coordinates.join('\u001f')

/**
 * Minimum group size with complementary suppression over a whole cross table and all its
 * margins at once (DOMAIN.md, "Reporting rules"; the hypercube method of statistical disclosure
 * control, Hundepool et al., Statistical Disclosure Control, 2012, §4.3): every published figure
 * of one round and measure, whatever breakdown or filter asked for it, is read from the same
 * suppression pattern, so no combination of overlapping breakdowns (school by gender, the
 * school's grades, the municipality's genders …) recovers a hidden cell by subtraction.
 *
 * Cells with fewer than k respondents are suppressed. Each of them is then protected by a
 * hypercube of hidden cells (see {@link cheapestHypercube}), which leaves it undetermined by
 * every linear combination of the shown figures. Then, until nothing changes, every line of the
 * table (a margin and the cells that add up to it along one dimension) is made safe: with the
 * margin shown, at least two of its cells are hidden and together hold at least k respondents
 * (hiding the smallest shown cells first, or the margin when it has a single cell); with the
 * margin hidden, at least one of its cells is hidden too.
 *
 * @param dimensions - the table's dimensions, in the order of the leaves' coordinates
 * @param leaves - the finest groups; each combination of coordinates at most once
 * @param add - how two groups' values combine into their margin's value (e.g. adding sums)
 * @param k - the minimum group size
 * @returns a lookup of every cell and margin, shown or suppressed
 * @throws RangeError when k is not a positive integer or a leaf has the wrong number of coordinates
 * @example
 * const table = suppressTable([{ name: 'gender' }], [
 *   { coordinates: ['boy'], n: 22, value: 7 }, { coordinates: ['girl'], n: 15, value: 2 },
 *   { coordinates: ['other'], n: 3, value: 3 }], (a, b) => a + b, 5)
 * table.get(['other']) // → { kind: 'suppressed', key: 'other', reason: 'too-few' }
 * table.get(['girl'])  // → { kind: 'suppressed', key: 'girl', reason: 'complementary' }
 * table.get([ALL])     // → { kind: 'shown', key: '*', n: 40, value: 12 }
 */
export function suppressTable<T>(
  dimensions: readonly TableDimension[],
  leaves: readonly TableLeaf<T>[],
  add: (a: T, b: T) => T,
  k: number,
): ReleasedTable<T> {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`)
  const d = dimensions.length
  const cells = new Map<string, Cell<T>>()
  const lines = new Map<string, Line>()
  const keys: string[] = new Array<string>(1 << d)
  for (const leaf of leaves) {
    if (leaf.coordinates.length !== d) {
      throw new RangeError(`a leaf has ${leaf.coordinates.length} coordinates, the table ${d}`)
    }
    const all: string[][] = []
    for (let mask = 0; mask < 1 << d; mask++) {
      all[mask] = leaf.coordinates.map((c, i) => (mask & (1 << i) ? ALL : c))
      keys[mask] = keyOf(all[mask] as string[])
    }
    for (let mask = 0; mask < 1 << d; mask++) {
      const key = keys[mask] as string
      const cell = cells.get(key)
      if (cell) {
        cell.n += leaf.n
        cell.value = add(cell.value, leaf.value)
        continue
      }
      cells.set(key, { key, coordinates: all[mask] as string[], n: leaf.n, value: leaf.value })
      // A new cell joins the line along each of its fixed dimensions: its margin there is the
      // same leaf's cell with that dimension set to ALL.
      for (let i = 0; i < d; i++) {
        if (mask & (1 << i)) continue
        const total = keys[mask | (1 << i)] as string
        const lineKey = `${i}:${total}`
        const line = lines.get(lineKey)
        if (line) line.members.push(key)
        else lines.set(lineKey, { total, members: [key] })
      }
    }
  }

  const nOf = (key: string): number => (cells.get(key) as Cell<T>).n
  for (const line of lines.values()) {
    // Code-point order for ties: deterministic, and far cheaper than a locale comparison.
    line.members.sort((a, b) => nOf(a) - nOf(b) || (a < b ? -1 : a > b ? 1 : 0))
  }

  const hidden = new Map<string, 'too-few' | 'complementary'>()
  const primary = [...cells.values()].filter((cell) => cell.n < k).sort((a, b) => a.n - b.n)
  for (const cell of primary) hidden.set(cell.key, 'too-few')
  // A corner of a hypercube is protected by it: a small cell already a corner needs no other.
  const protectedCells = new Set<string>()
  for (const cell of primary) {
    if (protectedCells.has(cell.key)) continue
    for (const corner of cheapestHypercube(cell.coordinates, cells, lines, hidden)) {
      protectedCells.add(corner)
      if (!hidden.has(corner)) hidden.set(corner, 'complementary')
    }
  }

  let changed = hidden.size > 0
  while (changed) {
    changed = false
    for (const line of lines.values()) {
      const hide = (key: string) => {
        hidden.set(key, 'complementary')
        changed = true
      }
      if (hidden.has(line.total)) {
        // A hidden margin would be the sum of its shown cells.
        if (line.members.every((m) => !hidden.has(m))) hide(line.members[0] as string)
        continue
      }
      let count = 0
      let hiddenN = 0
      for (const m of line.members) {
        if (hidden.has(m)) {
          count++
          hiddenN += nOf(m)
        }
      }
      if (count === 0) continue
      // Members are sorted smallest first: the cheapest cells to hide come first.
      let next = 0
      while (count < 2 || hiddenN < k) {
        while (next < line.members.length && hidden.has(line.members[next] as string)) next++
        const member = line.members[next]
        if (member === undefined) {
          hide(line.total)
          break
        }
        hide(member)
        count++
        hiddenN += nOf(member)
      }
    }
  }

  return {
    get(coordinates) {
      const cell = cells.get(keyOf(coordinates))
      if (!cell) return undefined
      const key = keyOf(coordinates)
      const reason = hidden.get(key)
      return reason
        ? { kind: 'suppressed', key, reason }
        : { kind: 'shown', key, n: cell.n, value: cell.value }
    },
    suppressedCount: hidden.size,
  }
}

/** How many partner values per dimension a hypercube search tries (keeps large tables fast). */
const PARTNERS_TRIED = 4

/**
 * The hypercube of hidden cells that protects one small cell: for every dimension a second
 * value (another value or the margin), so that the 2^d cells at the corners all exist. Signs
 * +1/−1 alternating over the corners (equal signs where one of a dimension's two values is the
 * margin) then add to zero along every line of the table, so an attacker can move the hidden
 * values along that pattern without changing any shown figure: the small cell is not determined.
 * Of all hypercubes tried, the one hiding the fewest respondents not already hidden wins.
 */
function cheapestHypercube<T>(
  coordinates: string[],
  cells: Map<string, Cell<T>>,
  lines: Map<string, Line>,
  hidden: Map<string, unknown>,
): string[] {
  const cost = (key: string) => (hidden.has(key) ? 0 : (cells.get(key) as Cell<T>).n)
  const partners = coordinates.map((value, i) => {
    // The line along dimension i through this cell: its margin and the cells adding up to it.
    const margin = keyOf(coordinates.map((c, j) => (j === i ? ALL : c)))
    const line = lines.get(`${i}:${margin}`)
    const own = keyOf(coordinates)
    // Neighbours already hidden cost nothing; then the smallest (members are sorted by n).
    const siblings = (line?.members ?? []).filter((m) => m !== own)
    const chosen = siblings.filter((m) => hidden.has(m)).slice(0, PARTNERS_TRIED)
    for (const m of siblings) {
      if (chosen.length >= PARTNERS_TRIED) break
      if (!hidden.has(m)) chosen.push(m)
    }
    if (value !== ALL) chosen.push(margin)
    return chosen.map((key) => (cells.get(key) as Cell<T>).coordinates[i] as string)
  })
  let best: { corners: string[]; cost: number } | undefined
  // Dimension by dimension, each partner doubles the corners chosen so far; a corner that does
  // not exist ends that branch at once (every later corner set would contain it).
  const choose = (i: number, corners: string[][], cornerKeys: string[], total: number) => {
    if (best && total >= best.cost) return
    if (i === coordinates.length) {
      best = { corners: cornerKeys, cost: total }
      return
    }
    for (const partner of partners[i] as string[]) {
      const added = corners.map((c) => c.map((x, j) => (j === i ? partner : x)))
      const addedKeys = added.map(keyOf)
      if (!addedKeys.every((key) => cells.has(key))) continue
      const addedCost = addedKeys.reduce((sum, key) => sum + cost(key), 0)
      choose(i + 1, [...corners, ...added], [...cornerKeys, ...addedKeys], total + addedCost)
    }
  }
  const own = keyOf(coordinates)
  choose(0, [coordinates], [own], cost(own))
  return best?.corners ?? []
}
