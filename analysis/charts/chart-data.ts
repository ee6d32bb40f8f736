import type { TopLevelSpec } from 'vega-lite'
import type { MeasureKind } from '../aggregation/group-summary.ts'
import type { MeasureChange } from '../comparison/compare-waves.ts'

/** The language of a chart's words and number formats. */
export type ChartLocale = 'da' | 'en'

/** A group's figure as released by the server: shown, or suppressed (never a zero). */
export type ChartFigure =
  | { status: 'shown'; value: number; lower: number | null; upper: number | null; n: number }
  | { status: 'suppressed' }

/** Proportions are 0..1 and shown as whole percent; means are shown with one decimal. */
export type MeasureScale = MeasureKind

/** A wave-to-wave verdict as analysis/comparison/compare-waves.ts gives it, or suppressed. */
export type ChangeVerdict = Extract<MeasureChange, { kind: 'change' }>['verdict'] | 'suppressed'

/** What every builder returns. */
export interface ChartBundle {
  spec: TopLevelSpec
  title: string
  /** A short text alternative naming what the chart shows and its main numbers (for alt / aria-label). */
  altText: string
}
