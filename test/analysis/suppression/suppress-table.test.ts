import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ALL, suppressTable, type TableLeaf } from '../../../analysis/suppression/suppress-table.ts'

const add = (a: number, b: number) => a + b
const K = 5

/** Every cell of a table: each leaf's coordinates with any subset replaced by ALL. */
function allCells(dims: number, leaves: TableLeaf<number>[]): string[][] {
  const seen = new Map<string, string[]>()
  for (const leaf of leaves) {
    for (let mask = 0; mask < 1 << dims; mask++) {
      const c = leaf.coordinates.map((x, i) => (mask & (1 << i) ? ALL : x))
      seen.set(c.join('|'), c)
    }
  }
  return [...seen.values()]
}

/**
 * Whether an attacker who sees every shown cell can compute a hidden cell's n exactly: the
 * table's additive relations (each margin = sum of its cells along one dimension) as a linear
 * system over the hidden cells, solved by Gaussian elimination; a hidden cell is disclosed
 * when its unit vector lies in the row space. Returns the disclosed cells that were too small.
 */
function disclosedCells(dims: number, leaves: TableLeaf<number>[]): string[] {
  const table = suppressTable(
    Array.from({ length: dims }, (_, i) => ({ name: `d${i}` })),
    leaves,
    add,
    K,
  )
  const cells = allCells(dims, leaves)
  const hidden = cells.filter((c) => table.get(c)?.kind === 'suppressed').map((c) => c.join('|'))
  const column = new Map(hidden.map((key, i) => [key, i]))
  const rows: number[][] = []
  for (const c of cells) {
    c.forEach((x, i) => {
      if (x !== ALL) return
      const members = cells.filter((m) => m[i] !== ALL && m.every((y, j) => j === i || y === c[j]))
      if (members.length === 0) return
      const row = new Array<number>(hidden.length).fill(0)
      const touch = (cell: string[], sign: number) => {
        const col = column.get(cell.join('|'))
        if (col !== undefined) row[col] = (row[col] as number) + sign
      }
      touch(c, 1)
      for (const m of members) touch(m, -1)
      if (row.some((v) => v !== 0)) rows.push(row)
    })
  }
  // Reduced row echelon form; a row with a single non-zero entry discloses that cell.
  let pivotRow = 0
  for (let col = 0; col < hidden.length && pivotRow < rows.length; col++) {
    const found = rows.findIndex((r, i) => i >= pivotRow && Math.abs(r[col] as number) > 1e-9)
    if (found < 0) continue
    ;[rows[pivotRow], rows[found]] = [rows[found] as number[], rows[pivotRow] as number[]]
    const pivot = rows[pivotRow] as number[]
    const p = pivot[col] as number
    for (let j = 0; j < pivot.length; j++) pivot[j] = (pivot[j] as number) / p
    rows.forEach((r, i) => {
      if (i === pivotRow) return
      const f = r[col] as number
      if (Math.abs(f) > 1e-9)
        for (let j = 0; j < r.length; j++) r[j] = (r[j] as number) - f * (pivot[j] as number)
    })
    pivotRow++
  }
  // Complementary cells are hidden only to protect the small ones; only those must stay unknown.
  return rows
    .filter((r) => r.filter((v) => Math.abs(v) > 1e-9).length === 1)
    .map((r) => hidden[r.findIndex((v) => Math.abs(v) > 1e-9)] as string)
    .filter((key) => {
      const cell = table.get(key.split('|'))
      return cell?.kind === 'suppressed' && cell.reason === 'too-few'
    })
}

describe('suppression over a whole cross table and its margins', () => {
  it('with one dimension, behaves like a breakdown of a total', () => {
    const table = suppressTable(
      [{ name: 'gender' }],
      [
        { coordinates: ['boy'], n: 22, value: 7 },
        { coordinates: ['girl'], n: 15, value: 2 },
        { coordinates: ['other'], n: 3, value: 3 },
      ],
      add,
      K,
    )
    expect(table.get(['other'])).toEqual({ kind: 'suppressed', key: 'other', reason: 'too-few' })
    expect(table.get(['girl'])).toEqual({
      kind: 'suppressed',
      key: 'girl',
      reason: 'complementary',
    })
    expect(table.get(['boy'])).toEqual({ kind: 'shown', key: 'boy', n: 22, value: 7 })
    expect(table.get([ALL])).toEqual({ kind: 'shown', key: ALL, n: 40, value: 12 })
    expect(table.get(['nobody'])).toBeUndefined()
    expect(table.suppressedCount).toBe(2)
  })

  it('tempted across overlapping breakdowns: school by gender, and the school by grade', () => {
    // School A: 9th-grade girls are 3. Hiding them in "grade 9 by gender" alone would let anyone
    // take "girls of school A" minus the girls of grades 7 and 8.
    const leaves: TableLeaf<number>[] = [
      { coordinates: ['A', '7', 'boy'], n: 12, value: 3 },
      { coordinates: ['A', '7', 'girl'], n: 11, value: 2 },
      { coordinates: ['A', '8', 'boy'], n: 10, value: 4 },
      { coordinates: ['A', '8', 'girl'], n: 13, value: 5 },
      { coordinates: ['A', '9', 'boy'], n: 14, value: 6 },
      { coordinates: ['A', '9', 'girl'], n: 3, value: 3 },
      { coordinates: ['B', '9', 'girl'], n: 20, value: 4 },
      { coordinates: ['B', '9', 'boy'], n: 20, value: 4 },
    ]
    const table = suppressTable(
      [{ name: 'school' }, { name: 'grade' }, { name: 'gender' }],
      leaves,
      add,
      K,
    )
    expect(table.get(['A', '9', 'girl'])?.kind).toBe('suppressed')
    // Each line through the hidden cell (its cells and its margin) hides a second cell.
    const hiddenIn = (cells: string[][]) =>
      cells.filter((c) => table.get(c)?.kind === 'suppressed').length
    const lines = [
      [
        ['A', '9', 'boy'],
        ['A', '9', 'girl'],
        ['A', '9', ALL],
      ],
      [
        ['A', '7', 'girl'],
        ['A', '8', 'girl'],
        ['A', '9', 'girl'],
        ['A', ALL, 'girl'],
      ],
      [
        ['A', '9', 'girl'],
        ['B', '9', 'girl'],
        [ALL, '9', 'girl'],
      ],
    ]
    for (const line of lines) expect(hiddenIn(line)).toBeGreaterThanOrEqual(2)
    expect(disclosedCells(3, leaves)).toEqual([])
  })

  it('hides a margin that has a single cell together with that cell', () => {
    const table = suppressTable(
      [{ name: 'school' }, { name: 'grade' }],
      [
        { coordinates: ['A', '9'], n: 4, value: 1 },
        { coordinates: ['B', '9'], n: 30, value: 9 },
        { coordinates: ['B', '8'], n: 30, value: 9 },
      ],
      add,
      K,
    )
    expect(table.get(['A', ALL])?.kind).toBe('suppressed')
    expect(table.get(['A', '9'])?.kind).toBe('suppressed')
  })

  it('rejects a k that is not a positive integer and leaves of the wrong width', () => {
    expect(() => suppressTable([{ name: 'a' }], [], add, 0)).toThrow(RangeError)
    expect(() =>
      suppressTable([{ name: 'a' }], [{ coordinates: ['x', 'y'], n: 1, value: 1 }], add, 5),
    ).toThrow(/coordinates/)
  })

  it('for any table of up to three dimensions: no hidden cell can be computed and no shown cell is below k', () => {
    const leavesArb = fc
      .uniqueArray(
        fc.record({
          a: fc.constantFrom('a1', 'a2', 'a3'),
          b: fc.constantFrom('b1', 'b2', 'b3'),
          c: fc.constantFrom('c1', 'c2'),
          n: fc.integer({ min: 1, max: 14 }),
        }),
        { selector: (r) => `${r.a}${r.b}${r.c}`, minLength: 1, maxLength: 18 },
      )
      .map((rows) => rows.map((r) => ({ coordinates: [r.a, r.b, r.c], n: r.n, value: r.n })))
    fc.assert(
      fc.property(leavesArb, (leaves) => {
        const table = suppressTable([{ name: 'a' }, { name: 'b' }, { name: 'c' }], leaves, add, K)
        for (const c of allCells(3, leaves)) {
          const cell = table.get(c)
          if (cell?.kind === 'shown') expect(cell.n).toBeGreaterThanOrEqual(K)
        }
        expect(disclosedCells(3, leaves)).toEqual([])
      }),
      { numRuns: 500, seed: 20261123 },
    )
  })
})
