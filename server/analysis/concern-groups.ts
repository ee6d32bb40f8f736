import type { Released } from '../../analysis/suppression/suppress-breakdown.ts'
import type { ConcernGroup } from '../../analysis/charts/concern-chart.ts'
import type { AppDeps, StaffPrincipal } from '../app-env.ts'
import { LABEL_ORDER, loadGroupLabels, type Locale } from './group-labels.ts'
import { definitionOf, resultRounds, selectionOf } from './result-rounds.ts'
import { releaseDistribution } from './round-releases.ts'

export interface ConcernQuery {
  round?: string | undefined
  by: 'school' | 'grade' | 'gender'
  school?: string | undefined
  grade?: string | undefined
  includeFlagged?: string | undefined
  lang: Locale
}

/**
 * A group's released concern-level counts as the chart's shares of levels 1–4, or suppressed;
 * undefined for a group nobody is in.
 */
export function concernGroupOf(
  label: string,
  figure: Released<Record<string, number>> | undefined,
): ConcernGroup | undefined {
  if (!figure) return undefined
  if (figure.kind === 'suppressed') return { label, suppressed: true }
  const shares = [1, 2, 3, 4].map((level) => (figure.value[String(level)] ?? 0) / figure.n)
  return { label, n: figure.n, shares: shares as [number, number, number, number] }
}

/**
 * The concern-level distribution of one round by school, grade or gender, and the whole group
 * (the municipality or the chosen school) last, groups in Danish alphabetical order: each group's shares of levels 1–4, or suppressed
 * through the round's suppression pattern. The concern chart and its table view both read these.
 */
export async function concernGroups(
  deps: AppDeps,
  staff: StaffPrincipal,
  q: ConcernQuery,
): Promise<ConcernGroup[]> {
  const [round] = await resultRounds(deps, staff, q.round ? [q.round] : undefined, false)
  const selection = selectionOf(staff, q)
  const [definition, released] = await Promise.all([
    definitionOf(deps, round!),
    releaseDistribution(
      deps,
      staff.municipalityId,
      round!,
      'concern-level',
      q.includeFlagged === 'true',
    ),
  ])
  const labels = await loadGroupLabels(
    deps.db,
    staff.municipalityId,
    [round!],
    definition,
    q.lang,
    {
      classes: false,
    },
  )
  const groups: ConcernGroup[] = []
  const toGroup = (label: string, figure: Released<Record<string, number>> | undefined) => {
    const group = concernGroupOf(label, figure)
    if (group) groups.push(group)
  }
  const keys = released.values(q.by, selection).map((key) => ({
    key,
    label: labels.label(q.by, key),
  }))
  keys.sort((a, b) => LABEL_ORDER.compare(a.label, b.label))
  for (const { key, label } of keys) toGroup(label, released.figure({ ...selection, [q.by]: key }))
  toGroup(
    selection.school
      ? labels.label('school', selection.school)
      : q.lang === 'da'
        ? 'Kommunen'
        : 'Municipality',
    released.figure(selection),
  )
  return groups
}
