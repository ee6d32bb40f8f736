import { describe, expect, it } from 'vitest'
import {
  suppressBreakdown,
  type Breakdown,
  type Released,
} from '../../../analysis/suppression/suppress-breakdown.ts'

/** Shares of pupils drunk in the last 30 days, as counts, so a differencing attack can be tried. */
interface Share {
  yes: number
}
const group = (key: string, n: number, yes: number) => ({ key, n, value: { yes } })

/** What an attacker can compute: the total minus every shown cell, for the suppressed cells together. */
function recoverable(released: {
  total: Released<Share>
  cells: Released<Share>[]
}): { n: number; yes: number } | undefined {
  if (released.total.kind !== 'shown') return undefined
  let n = released.total.n
  let yes = released.total.value.yes
  for (const cell of released.cells) {
    if (cell.kind === 'shown') {
      n -= cell.n
      yes -= cell.value.yes
    }
  }
  return { n, yes }
}

describe('minimum group size with complementary suppression', () => {
  it('shows every group when all have at least k respondents', () => {
    const released = suppressBreakdown(
      { total: group('school', 40, 10), cells: [group('boys', 20, 6), group('girls', 20, 4)] },
      5,
    )
    expect(released.cells.map((c) => c.kind)).toEqual(['shown', 'shown'])
  })

  it('tempted by a differencing attack: the one small cell cannot be recovered from the total', () => {
    // 3 pupils answered "other/do not want to say"; all 3 were drunk. Hiding only them would
    // leave 40 − 22 − 15 = 3 and 12 − 7 − 2 = 3 for anyone to compute.
    const breakdown: Breakdown<Share> = {
      total: group('Havneskolen 9. klasse', 40, 12),
      cells: [group('boys', 22, 7), group('girls', 15, 2), group('other', 3, 3)],
    }
    const released = suppressBreakdown(breakdown, 5)
    expect(released.total.kind).toBe('shown')
    expect(released.cells).toEqual([
      { kind: 'shown', key: 'boys', n: 22, value: { yes: 7 } },
      { kind: 'suppressed', key: 'girls', reason: 'complementary' },
      { kind: 'suppressed', key: 'other', reason: 'too-few' },
    ])
    // What can be recovered is a group of 18: never one below k.
    expect(recoverable(released)).toEqual({ n: 18, yes: 5 })
    // A suppressed cell carries no numbers at all.
    expect(JSON.stringify(released.cells[2])).not.toMatch(/"n"|yes/)
  })

  it('keeps suppressing until the hidden cells together hold at least k respondents', () => {
    const released = suppressBreakdown(
      {
        total: group('t', 30, 9),
        cells: [group('a', 1, 1), group('b', 2, 0), group('c', 3, 1), group('d', 24, 7)],
      },
      5,
    )
    expect(released.cells.map((c) => c.kind)).toEqual([
      'suppressed',
      'suppressed',
      'suppressed',
      'shown',
    ])
    expect(recoverable(released)!.n).toBeGreaterThanOrEqual(5)
  })

  it('suppresses everything when the total itself is below k', () => {
    const released = suppressBreakdown(
      { total: group('t', 4, 1), cells: [group('a', 2, 1), group('b', 2, 0)] },
      5,
    )
    expect(released.total).toEqual({ kind: 'suppressed', key: 't', reason: 'too-few' })
    expect(released.cells.every((c) => c.kind === 'suppressed')).toBe(true)
  })

  it('holds for every small breakdown: no recoverable group below k', () => {
    // Exhaustive over three cells of 0–12 respondents, k = 5.
    for (let a = 0; a <= 12; a++) {
      for (let b = 0; b <= 12; b++) {
        for (let c = 0; c <= 12; c++) {
          const n = a + b + c
          const released = suppressBreakdown(
            {
              total: group('t', n, 0),
              cells: [group('a', a, 0), group('b', b, 0), group('c', c, 0)],
            },
            5,
          )
          for (const cell of released.cells)
            if (cell.kind === 'shown') expect(cell.n).toBeGreaterThanOrEqual(5)
          const hidden = recoverable(released)
          if (hidden && hidden.n > 0) expect(hidden.n).toBeGreaterThanOrEqual(5)
          if (released.cells.filter((x) => x.kind === 'suppressed').length === 1) {
            expect(released.total.kind).toBe('suppressed')
          }
        }
      }
    }
  })

  it('refuses a breakdown that does not partition its total, and a k that makes no sense', () => {
    expect(() =>
      suppressBreakdown({ total: group('t', 10, 0), cells: [group('a', 4, 0)] }, 5),
    ).toThrow(/partition/)
    expect(() => suppressBreakdown({ total: group('t', 10, 0), cells: [] }, 0)).toThrow(RangeError)
  })
})
