import { describe, expect, it } from 'vitest'
import { releaseRound, type RoundCell } from '../../../analysis/aggregation/released-round.ts'

const add = (a: number, b: number) => a + b
const cell = (school: string, grade: string, classId: string, gender: string, n: number) =>
  ({ school, grade, classId, gender, n, value: n }) satisfies RoundCell<number>

describe('every figure of one round from one suppression pattern', () => {
  const cells = [
    cell('A', '9', 'A9a', '1', 12),
    cell('A', '9', 'A9a', '2', 11),
    cell('A', '9', 'A9b', '1', 2),
    cell('A', '9', 'A9b', '2', 1),
    cell('A', '8', 'A8a', '1', 14),
    cell('A', '8', 'A8a', '2', 13),
    cell('B', '9', 'B9a', '1', 15),
    cell('B', '9', 'B9a', '2', 16),
  ]
  const round = releaseRound(cells, add, 5)

  it('reads margins and cells of school × grade × gender', () => {
    expect(round.figure({})).toMatchObject({ kind: 'shown', n: 84 })
    expect(round.figure({ school: 'A', grade: '8' })).toMatchObject({ kind: 'shown', n: 27 })
    expect(round.figure({ school: 'C' })).toBeUndefined()
    expect(round.values('grade', { school: 'A' })).toEqual(['8', '9'])
    expect(round.values('class', { school: 'A', grade: '9' })).toEqual(['A9a', 'A9b'])
  })

  it('hides a small class together with another class of its school and grade', () => {
    expect(round.classFigure('A9b')).toEqual({ kind: 'suppressed', key: 'A9b', reason: 'too-few' })
    expect(round.classFigure('A9a')).toEqual({
      kind: 'suppressed',
      key: 'A9a',
      reason: 'complementary',
    })
    expect(round.classFigure('A8a')).toMatchObject({ kind: 'shown', n: 27 })
    expect(round.classFigure('nope')).toBeUndefined()
  })

  it('hides a class whenever the cross table hides its school and grade, so it cannot be summed back', () => {
    const rounds = [
      round,
      releaseRound(
        [
          cell('C', '9', 'C9a', '1', 8),
          cell('C', '9', 'C9a', '2', 2),
          cell('C', '8', 'C8a', '1', 20),
          cell('C', '8', 'C8a', '2', 3),
          cell('D', '9', 'D9a', '1', 20),
          cell('D', '9', 'D9a', '2', 20),
          cell('D', '8', 'D8a', '1', 9),
          cell('D', '8', 'D8b', '2', 9),
          // Four pupils in E's grade 9: the margin itself is too small.
          cell('E', '9', 'E9a', '1', 2),
          cell('E', '9', 'E9b', '2', 2),
          cell('E', '8', 'E8a', '1', 12),
          cell('E', '8', 'E8a', '2', 12),
        ],
        add,
        5,
      ),
    ]
    let hiddenMargins = 0
    for (const r of rounds) {
      for (const school of r.values('school', {})) {
        for (const grade of r.values('grade', { school })) {
          if (r.figure({ school, grade })?.kind !== 'suppressed') continue
          hiddenMargins++
          const classes = r.values('class', { school, grade })
          expect(classes.some((id) => r.classFigure(id)?.kind === 'suppressed')).toBe(true)
        }
      }
    }
    expect(hiddenMargins).toBeGreaterThan(0)
  })
})
