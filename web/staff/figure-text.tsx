import type { aggregate } from '../../server/analysis/analysis.routes.ts'
import type { compareMeasures } from '../../server/analysis/compare-measures.ts'

/** One row of an aggregate answer: a shown figure or a suppressed group. */
export type ResultRow = Awaited<ReturnType<typeof aggregate>>['totals'][number]
/** One measure of a comparison answer, with its verdict in words. */
export type Comparison = Awaited<ReturnType<typeof compareMeasures>>['comparisons'][number]
export type Scale = 'proportion' | 'mean'

export const SUPPRESSED = 'for få besvarelser'

const whole = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 })
const tenths = new Intl.NumberFormat('da-DK', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
})
const count = new Intl.NumberFormat('da-DK')

/** A share as whole percent (12 %), a mean with one decimal (61,4). */
export const formatValue = (value: number, scale: Scale): string =>
  scale === 'proportion' ? `${whole.format(100 * value)} %` : tenths.format(value)

export const formatCount = (n: number): string => count.format(n)

/** A difference in percentage points or points, always signed. */
export function formatDifference(difference: number, scale: Scale): string {
  const size =
    scale === 'proportion'
      ? `${whole.format(Math.abs(100 * difference))} procentpoint`
      : `${tenths.format(Math.abs(difference))} point`
  return `${difference < 0 ? '−' : '+'}${size}`
}

/** The value of a row, or "for få besvarelser"; never a zero in place of a hidden figure. */
export function rowValue(row: ResultRow | undefined): { value: number; n: number } | undefined {
  if (!row || row.status !== 'shown' || row.figure.kind === 'insufficient') return undefined
  return row.figure.kind === 'proportion'
    ? { value: row.figure.proportion, n: row.figure.n }
    : { value: row.figure.mean, n: row.figure.n }
}

export function FigureText(props: { row: ResultRow | undefined; scale: Scale }) {
  const shown = rowValue(props.row)
  return shown ? (
    <span class="figure">{formatValue(shown.value, props.scale)}</span>
  ) : (
    <span class="figure suppressed">{SUPPRESSED}</span>
  )
}

/**
 * The change since the comparison round: an arrow (→ when within normal variation, since
 * such a change may be chance) and the verdict in words, with the full sentence as a tooltip
 * and for screen readers.
 */
export function ChangeText(props: { comparison: Comparison | undefined; scale: Scale }) {
  const c = props.comparison
  if (!c || c.kind !== 'change') {
    return <span class="change suppressed">{c?.kind === 'suppressed' ? SUPPRESSED : '–'}</span>
  }
  const real = c.verdict === 'real-change'
  const arrow = !real ? '→' : c.difference > 0 ? '↑' : '↓'
  return (
    <span class={`change ${real ? 'real' : 'normal'}`} title={c.text}>
      <span aria-hidden="true">{arrow}</span> {formatDifference(c.difference, props.scale)},{' '}
      {real ? 'reel ændring' : 'inden for normal variation'}
      <span class="visually-hidden"> ({c.text})</span>
    </span>
  )
}
