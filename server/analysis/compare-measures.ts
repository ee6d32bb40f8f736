import type { Selection } from '../../analysis/aggregation/released-round.ts'
import {
  compareWaves,
  type MeasureChange,
  type MeasureSums,
} from '../../analysis/comparison/compare-waves.ts'
import {
  describeChange,
  describeChanges,
  type ChangeSubject,
} from '../../analysis/comparison/describe-change.ts'
import {
  measureCatalogue,
  type MeasureDefinition,
} from '../../analysis/measures/measure-catalogue.ts'
import type { AppDeps, StaffPrincipal } from '../app-env.ts'
import { AppError } from '../errors.ts'
import { roundOf } from '../rounds/round-access.ts'
import type { SurveyRound } from '../rounds/rounds.repository.ts'
import type { CompareRequest } from './analysis-queries.ts'
import { loadGroupLabels, roundLabel, suppressionRule, type Locale } from './group-labels.ts'
import { definitionOf, previousYearRound, selectionOf, withoutSchool } from './result-rounds.ts'
import { releaseRounds } from './round-releases.ts'
import type { ScoreSums } from './score-cells.repository.ts'

/** The measures compared when none are named: indicators, factors and WHO-5. */
const defaultMeasures = (catalogue: MeasureDefinition[]) =>
  catalogue
    .filter((m) => m.group === 'indicator' || m.group === 'factor' || m.id === 'who5.index')
    .map((m) => m.id)

const subtract = (a: ScoreSums, b: ScoreSums): ScoreSums => ({
  n: a.n - b.n,
  sum: a.sum - b.sum,
  sumOfSquares: a.sumOfSquares - b.sumOfSquares,
})

/**
 * A round against its baseline wave, the previous school year, or (for one school) the rest of
 * the municipality: every measure, optionally per school, grade or gender, tested with
 * Benjamini–Hochberg over all comparisons at once and described in words. Only groups whose
 * figures are released on both sides are compared.
 */
export async function compareMeasures(deps: AppDeps, staff: StaffPrincipal, query: CompareRequest) {
  return (await compareWithReleases(deps, staff, query)).comparison
}

/**
 * {@link compareMeasures}, with the releases of both rounds it compared, so a page that also
 * shows the rounds' own figures reads them from the same release instead of releasing again.
 */
export async function compareWithReleases(
  deps: AppDeps,
  staff: StaffPrincipal,
  query: CompareRequest,
) {
  const locale: Locale = query.lang
  const k = deps.config.minGroupSize
  const round = await roundOf(deps, staff, query.round)
  const selection = selectionOf(staff, query)
  let baseline: SurveyRound | undefined
  if (query.against === 'baseline') {
    if (!query.baseline) {
      throw new AppError(400, 'validation_failed', 'Choose the baseline round to compare with.')
    }
    baseline = await roundOf(deps, staff, query.baseline)
  } else if (query.against === 'previous-year') {
    baseline = await previousYearRound(deps, staff, round)
    if (!baseline) {
      throw new AppError(
        404,
        'not_found',
        `There is no round from the school year before ${round.schoolYear}.`,
      )
    }
  } else if (!selection.school) {
    throw new AppError(
      400,
      'validation_failed',
      'Choose the school to compare with the rest of the municipality.',
    )
  } else if (query.by === 'school') {
    throw new AppError(
      400,
      'validation_failed',
      'A school against the rest is not split by school.',
    )
  }
  const definition = await definitionOf(deps, round)
  const catalogue = measureCatalogue(definition.scoringSpec)
  const measures = query.measures ?? defaultMeasures(catalogue)
  for (const m of measures) {
    if (!catalogue.some((c) => c.id === m)) {
      throw new AppError(400, 'validation_failed', `"${m}" is not a measure of this questionnaire.`)
    }
  }
  const rounds = baseline ? [baseline, round] : [round]
  const releases = await releaseRounds(
    deps,
    staff.municipalityId,
    rounds,
    measures,
    query.includeFlagged === 'true',
  )
  const labels = await loadGroupLabels(deps.db, staff.municipalityId, rounds, definition, locale, {
    classes: false,
  })
  const followUpOf = (m: string) => releases.get(round.id)!.get(m)!
  const baselineOf = (m: string) => releases.get((baseline ?? round).id)!.get(m)!

  /** Both sides' sums of one group, or undefined when either side is not released. */
  const sidesOf = (
    m: string,
    group: Selection,
  ): { baseline: ScoreSums; followUp: ScoreSums } | undefined => {
    const followUp = followUpOf(m).shownSums({ ...selection, ...group })
    if (!followUp) return undefined
    if (baseline) {
      const before = baselineOf(m).shownSums({ ...selection, ...group })
      return before && { baseline: before, followUp }
    }
    // A school against the rest: the municipality's figure minus the school's, both shown.
    const municipality = followUpOf(m).shownSums(withoutSchool({ ...selection, ...group }))
    if (!municipality) return undefined
    const rest = subtract(municipality, followUp)
    return rest.n >= k ? { baseline: rest, followUp } : undefined
  }

  const groupValues: Array<{ key: string | null; selection: Selection }> = query.by
    ? followUpOf(measures[0]!)
        .released.values(query.by, selection)
        .map((key) => ({ key, selection: { [query.by!]: key } }))
    : [{ key: null, selection: {} }]
  const entries: Array<{ measure: string; group: string | null; sums?: MeasureSums }> = []
  for (const g of groupValues) {
    for (const m of measures) {
      const sides = sidesOf(m, g.selection)
      entries.push({
        measure: m,
        group: g.key,
        ...(sides && {
          sums: {
            measure: `${m}@${g.key}`,
            kind: followUpOf(m).kind,
            baseline: { key: 'baseline', ...sides.baseline },
            followUp: { key: 'follow-up', ...sides.followUp },
          },
        }),
      })
    }
  }
  const tested = compareWaves(
    entries.flatMap((e) => (e.sums ? [e.sums] : [])),
    k,
  )
  const changeOf = new Map(tested.map((t) => [t.measure, t]))
  const fromLabel = baseline
    ? roundLabel(baseline)
    : locale === 'da'
      ? 'resten af kommunen'
      : 'the rest of the municipality'
  const toLabel = baseline ? roundLabel(round) : labels.label('school', selection.school!)
  const changes: MeasureChange[] = []
  const comparisons = entries.map((e) => {
    const measure = catalogue.find((c) => c.id === e.measure)!
    const change: MeasureChange = e.sums
      ? { ...changeOf.get(e.sums.measure)!, measure: e.measure }
      : { kind: 'suppressed', measure: e.measure, reason: 'too-few' }
    const subject: ChangeSubject = {
      measureLabel: measure.label,
      labelForm: 'heading',
      scale: measure.kind,
      comparison: baseline ? 'periods' : 'groups',
      fromLabel: { da: fromLabel, en: fromLabel },
      toLabel: { da: toLabel, en: toLabel },
      ...(e.group !== null && query.by
        ? {
            population: {
              da: `elever (${labels.label(query.by, e.group)})`,
              en: `pupils (${labels.label(query.by, e.group)})`,
            },
          }
        : {}),
    }
    changes.push(change)
    return {
      ...change,
      label: measure.label[locale],
      ...(e.group !== null && query.by
        ? { group: { [query.by]: { key: e.group, label: labels.label(query.by, e.group) } } }
        : {}),
      text: describeChange(change, subject, locale),
    }
  })
  const comparison = {
    round: { id: round.id, label: roundLabel(round) },
    against: query.against,
    baseline: baseline ? { id: baseline.id, label: roundLabel(baseline) } : null,
    minGroupSize: k,
    suppression: {
      rule: suppressionRule(k, locale),
      suppressedGroups: comparisons.filter((c) => c.kind === 'suppressed').length,
    },
    summary: describeChanges(changes, locale),
    comparisons,
  }
  return { comparison, releases }
}
