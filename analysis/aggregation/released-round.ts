import type { Released } from '../suppression/suppress-breakdown.ts'
import { ALL, suppressTable, type ReleasedTable } from '../suppression/suppress-table.ts'

/** What results of one round can be broken down by (class is nested in school and grade). */
export const TABLE_DIMENSIONS = ['school', 'grade', 'gender'] as const
export type TableDimensionName = (typeof TABLE_DIMENSIONS)[number]

/** Fixed values of some dimensions; a dimension left out means all its values (a margin). */
export type Selection = Partial<Record<TableDimensionName, string>>

/** One finest group of a round: a class and a gender. */
export interface RoundCell<T> {
  school: string
  grade: string
  classId: string
  gender: string
  /** The figure's denominator: respondents with a value for the measure. */
  n: number
  value: T
}

export interface ReleasedRound<T> {
  /** The released figure of the group the selection names, or undefined if nobody is in it. */
  figure(selection: Selection): Released<T> | undefined
  /** The released figure of one class (classes are never split further). */
  classFigure(classId: string): Released<T> | undefined
  /** The values of a dimension that occur among the cells matching the selection, sorted. */
  values(dimension: TableDimensionName | 'class', within: Selection): string[]
  /** Suppressed groups in the round's whole table, classes included. */
  suppressedCount: number
}

const coordinatesOf = (selection: Selection) => TABLE_DIMENSIONS.map((d) => selection[d] ?? ALL)

/**
 * Every figure one round can release for one measure: the cross table school × grade × gender
 * and all its margins, suppressed at once (see analysis/suppression/suppress-table.ts), and the
 * classes as a breakdown of their school and grade. Classes are only shown whole, never by
 * gender, so each class is one cell of a line whose margin is its school-grade; a small class is
 * hidden with at least one more of its school-grade's classes, and when the cross table hides a
 * school-grade, at least one of its classes is hidden as well so it cannot be summed back.
 *
 * @param cells - the round's finest groups
 * @param add - how two groups' values combine
 * @param k - the minimum group size
 * @returns lookups of released figures
 */
export function releaseRound<T>(
  cells: readonly RoundCell<T>[],
  add: (a: T, b: T) => T,
  k: number,
): ReleasedRound<T> {
  const table: ReleasedTable<T> = suppressTable(
    TABLE_DIMENSIONS.map((name) => ({ name })),
    cells.map((c) => ({ coordinates: [c.school, c.grade, c.gender], n: c.n, value: c.value })),
    add,
    k,
  )
  // Classes are built only when asked for (admins' class results): most results never are.
  let classes: ReturnType<typeof releaseClasses> | undefined
  const releaseClasses = () => {
    // Classes: one line per school-grade; the class table is (school-grade, class).
    const classLeaves = new Map<string, { schoolGrade: string; n: number; value: T }>()
    for (const c of cells) {
      const leaf = classLeaves.get(c.classId)
      if (leaf) {
        leaf.n += c.n
        leaf.value = add(leaf.value, c.value)
      } else
        classLeaves.set(c.classId, {
          schoolGrade: `${c.school}/${c.grade}`,
          n: c.n,
          value: c.value,
        })
    }
    const classTable = suppressTable(
      [{ name: 'school-grade' }, { name: 'class' }],
      [...classLeaves].map(([classId, leaf]) => ({
        coordinates: [leaf.schoolGrade, classId],
        n: leaf.n,
        value: leaf.value,
      })),
      add,
      k,
    )
    const hiddenClasses = new Set<string>()
    const bySchoolGrade = new Map<string, string[]>()
    for (const [classId, leaf] of classLeaves) {
      if (classTable.get([leaf.schoolGrade, classId])?.kind === 'suppressed')
        hiddenClasses.add(classId)
      bySchoolGrade.set(leaf.schoolGrade, [...(bySchoolGrade.get(leaf.schoolGrade) ?? []), classId])
    }
    for (const [schoolGrade, classIds] of bySchoolGrade) {
      const [school, grade] = schoolGrade.split('/') as [string, string]
      const margin = table.get(coordinatesOf({ school, grade }))
      if (margin?.kind === 'suppressed' && !classIds.some((id) => hiddenClasses.has(id))) {
        const smallest = [...classIds].sort(
          (a, b) =>
            (classLeaves.get(a)?.n ?? 0) - (classLeaves.get(b)?.n ?? 0) ||
            (a < b ? -1 : a > b ? 1 : 0),
        )[0] as string
        hiddenClasses.add(smallest)
      }
    }
    return { classLeaves, hiddenClasses }
  }
  const classRelease = () => (classes ??= releaseClasses())

  return {
    figure: (selection) => table.get(coordinatesOf(selection)),
    classFigure(classId) {
      const { classLeaves, hiddenClasses } = classRelease()
      const leaf = classLeaves.get(classId)
      if (!leaf) return undefined
      if (hiddenClasses.has(classId)) {
        return {
          kind: 'suppressed',
          key: classId,
          reason: leaf.n < k ? 'too-few' : 'complementary',
        }
      }
      return { kind: 'shown', key: classId, n: leaf.n, value: leaf.value }
    },
    values(dimension, within) {
      const found = new Set<string>()
      for (const c of cells) {
        if (TABLE_DIMENSIONS.every((d) => within[d] === undefined || within[d] === c[d])) {
          found.add(dimension === 'class' ? c.classId : c[dimension])
        }
      }
      return [...found].sort()
    },
    get suppressedCount() {
      return table.suppressedCount + classRelease().hiddenClasses.size
    },
  }
}
