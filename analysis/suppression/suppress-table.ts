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
  // Cells are numbered: each coordinate is an index into its dimension's values, with the margin
  // (ALL) after the last value, and a cell's id is those indices in mixed radix.
  const indexOf = dimensions.map(() => new Map<string, number>())
  const leafIndices = leaves.map((leaf) => {
    if (leaf.coordinates.length !== d) {
      throw new RangeError(`a leaf has ${leaf.coordinates.length} coordinates, the table ${d}`)
    }
    return leaf.coordinates.map((c, i) => {
      const index = indexOf[i] as Map<string, number>
      let found = index.get(c)
      if (found === undefined) index.set(c, (found = index.size))
      return found
    })
  })
  const valuesOf = indexOf.map((index) => [...index.keys(), ALL])
  const allIndex = valuesOf.map((values) => values.length - 1)
  const stride: number[] = []
  for (let i = 0, s = 1; i < d; s *= (valuesOf[i] as string[]).length, i++) stride[i] = s

  const cellOf = new Map<number, number>()
  const ids: number[] = []
  // Each cell's value index per dimension, d entries per cell.
  const coords: number[] = []
  const ns: number[] = []
  const values: T[] = []
  const lineTotal: number[] = []
  const lineMembers: number[][] = []
  // The line along dimension i whose margin is cell m, by i and m.
  const lineByMargin = dimensions.map(() => new Map<number, number>())
  const leafIds = new Array<number>(1 << d)
  for (let l = 0; l < leaves.length; l++) {
    const leaf = leaves[l] as TableLeaf<T>
    const coordinates = leafIndices[l] as number[]
    for (let mask = 0; mask < 1 << d; mask++) {
      let id = 0
      for (let i = 0; i < d; i++) {
        const c = mask & (1 << i) ? (allIndex[i] as number) : (coordinates[i] as number)
        id += c * stride[i]!
      }
      leafIds[mask] = id
    }
    for (let mask = 0; mask < 1 << d; mask++) {
      const id = leafIds[mask] as number
      const existing = cellOf.get(id)
      if (existing !== undefined) {
        ns[existing] = (ns[existing] as number) + leaf.n
        values[existing] = add(values[existing] as T, leaf.value)
        continue
      }
      const cell = ids.length
      cellOf.set(id, cell)
      ids.push(id)
      for (let i = 0; i < d; i++) {
        coords.push(mask & (1 << i) ? (allIndex[i] as number) : (coordinates[i] as number))
      }
      ns.push(leaf.n)
      values.push(leaf.value)
      // A new cell joins the line along each of its fixed dimensions: its margin there is the
      // same leaf's cell with that dimension set to ALL, kept by id until every cell has a number.
      for (let i = 0; i < d; i++) {
        if (mask & (1 << i)) continue
        const total = leafIds[mask | (1 << i)] as number
        const byMargin = lineByMargin[i] as Map<number, number>
        const line = byMargin.get(total)
        if (line !== undefined) (lineMembers[line] as number[]).push(cell)
        else {
          byMargin.set(total, lineTotal.length)
          lineTotal.push(total)
          lineMembers.push([cell])
        }
      }
    }
  }
  const cellCount = ids.length
  const coordinate = (cell: number, i: number) => coords[cell * d + i] as number
  // Ties in size are broken in code-point order of the coordinates: deterministic and cheap.
  const rankOf = valuesOf.map((vals) => {
    const order = vals.map((_, i) => i).sort((a, b) => (vals[a]! < vals[b]! ? -1 : 1))
    const rank = new Int32Array(vals.length)
    order.forEach((v, r) => (rank[v] = r))
    return rank
  })
  // A cell's place in that order: its coordinates' ranks as digits, the first dimension first.
  const order = new Float64Array(cellCount)
  for (let c = 0; c < cellCount; c++) {
    let place = 0
    for (let i = 0; i < d; i++) {
      place = place * (valuesOf[i] as string[]).length + rankOf[i]![coordinate(c, i)]!
    }
    order[c] = place
  }
  // Margins were stored by id; lines hold cell numbers from here on.
  for (let l = 0; l < lineTotal.length; l++) lineTotal[l] = cellOf.get(lineTotal[l]!) as number
  for (const members of lineMembers) {
    members.sort((a, b) => ns[a]! - ns[b]! || order[a]! - order[b]!)
  }

  // 0: shown, 1: too few, 2: complementary.
  const hidden = new Uint8Array(cellCount)
  let hiddenCount = 0
  const hide = (cell: number, reason: 1 | 2) => {
    if (hidden[cell] === 0) hiddenCount++
    hidden[cell] = reason
  }
  const primary: number[] = []
  for (let c = 0; c < cellCount; c++) if (ns[c]! < k) primary.push(c)
  primary.sort((a, b) => ns[a]! - ns[b]!)
  for (const c of primary) hide(c, 1)
  const table: NumberedTable = { d, ids, ns, stride, cellOf, lineByMargin, lineMembers, hidden }
  // A corner of a hypercube is protected by it: a small cell already a corner needs no other.
  const protectedCells = new Uint8Array(cellCount)
  for (const c of primary) {
    if (protectedCells[c]) continue
    for (const corner of cheapestHypercube(c, coordinate, allIndex, table)) {
      protectedCells[corner] = 1
      if (hidden[corner] === 0) hide(corner, 2)
    }
  }

  let changed = hiddenCount > 0
  // Defined once: a function created inside the loop would be created once per line and pass.
  const hideOne = (cell: number) => {
    hide(cell, 2)
    changed = true
  }
  while (changed) {
    changed = false
    for (let l = 0; l < lineTotal.length; l++) {
      const total = lineTotal[l] as number
      const members = lineMembers[l] as number[]
      if (hidden[total]) {
        // A hidden margin would be the sum of its shown cells.
        if (members.every((m) => !hidden[m])) hideOne(members[0] as number)
        continue
      }
      let count = 0
      let hiddenN = 0
      for (const m of members) {
        if (hidden[m]) {
          count++
          hiddenN += ns[m]!
        }
      }
      if (count === 0) continue
      // Members are sorted smallest first: the cheapest cells to hide come first.
      let next = 0
      while (count < 2 || hiddenN < k) {
        while (next < members.length && hidden[members[next]!]) next++
        const member = members[next]
        if (member === undefined) {
          hideOne(total)
          break
        }
        hideOne(member)
        count++
        hiddenN += ns[member]!
      }
    }
  }

  return {
    get(coordinates) {
      if (coordinates.length !== d) return undefined
      let id = 0
      for (let i = 0; i < d; i++) {
        const c = coordinates[i] as string
        const index = c === ALL ? allIndex[i] : indexOf[i]!.get(c)
        if (index === undefined) return undefined
        id += index * stride[i]!
      }
      const cell = cellOf.get(id)
      if (cell === undefined) return undefined
      const key = keyOf(coordinates)
      const reason = hidden[cell]
      return reason
        ? { kind: 'suppressed', key, reason: reason === 1 ? 'too-few' : 'complementary' }
        : { kind: 'shown', key, n: ns[cell]!, value: values[cell] as T }
    },
    suppressedCount: hiddenCount,
  }
}

/** The numbered cells and lines of a table, as the hypercube search reads them. */
interface NumberedTable {
  d: number
  ids: number[]
  ns: number[]
  stride: number[]
  cellOf: Map<number, number>
  lineByMargin: Map<number, number>[]
  lineMembers: number[][]
  hidden: Uint8Array
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
function cheapestHypercube(
  cell: number,
  coordinate: (cell: number, i: number) => number,
  allIndex: number[],
  table: NumberedTable,
): number[] {
  const { d, ids, ns, stride, cellOf, lineByMargin, lineMembers, hidden } = table
  const own = ids[cell] as number
  // Per dimension, the id offsets that move this cell's coordinate to each partner value.
  const partners: number[][] = []
  for (let i = 0; i < d; i++) {
    const value = coordinate(cell, i)
    const all = allIndex[i] as number
    const marginId = own + (all - value) * stride[i]!
    // The line along dimension i through this cell: its margin and the cells adding up to it.
    // (For a margin cell that is the line below it, whose cells split it along dimension i.)
    const line = lineByMargin[i]!.get(marginId)
    // Neighbours already hidden cost nothing; then the smallest (members are sorted by n).
    const hiddenSiblings: number[] = []
    const shownSiblings: number[] = []
    for (const m of line === undefined ? [] : lineMembers[line]!) {
      if (m === cell) continue
      if (!hidden[m]) {
        if (shownSiblings.length < PARTNERS_TRIED) shownSiblings.push(m)
      } else if (hiddenSiblings.push(m) === PARTNERS_TRIED) break
    }
    const chosen = [
      ...hiddenSiblings,
      ...shownSiblings.slice(0, PARTNERS_TRIED - hiddenSiblings.length),
    ]
    const offsets = chosen.map((m) => (coordinate(m, i) - value) * stride[i]!)
    if (value !== all) offsets.push((all - value) * stride[i]!)
    partners.push(offsets)
  }
  const search: CornerSearch = { d, partners, cellOf, hidden, ns }
  searchCorners(search, 0, [own], hidden[cell] ? 0 : ns[cell]!)
  return search.best?.corners ?? []
}

/** What a hypercube search reads, and the cheapest set of corners found so far. */
interface CornerSearch {
  d: number
  partners: number[][]
  cellOf: Map<number, number>
  hidden: Uint8Array
  ns: number[]
  best?: { corners: number[]; cost: number }
}

/**
 * Dimension by dimension, each partner doubles the corners chosen so far; a corner that does not
 * exist ends that branch at once (every later corner set would contain it). A plain function,
 * not a closure: the search runs once per small cell of every table.
 */
function searchCorners(search: CornerSearch, i: number, corners: number[], total: number): void {
  const { d, partners, cellOf, hidden, ns } = search
  if (search.best && total >= search.best.cost) return
  if (i === d) {
    search.best = { corners: corners.map((id) => cellOf.get(id) as number), cost: total }
    return
  }
  next: for (const offset of partners[i] as number[]) {
    let addedCost = 0
    const added: number[] = []
    for (const id of corners) {
      const c = cellOf.get(id + offset)
      if (c === undefined) continue next
      added.push(id + offset)
      addedCost += hidden[c] ? 0 : ns[c]!
    }
    searchCorners(search, i + 1, [...corners, ...added], total + addedCost)
  }
}
