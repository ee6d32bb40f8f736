import type { ChangeVerdict, ChartBundle, ChartLocale, MeasureScale } from './chart-data.ts'
import { formatFigure, vegaFormat } from './chart-format.ts'
import { chartFrame, FIT_TO_CHART_WIDTH, rowsHeight } from './chart-frame.ts'
import { CHART_TEXTS } from './chart-texts.ts'
import { NORMAL_VARIATION_COLOUR, NOTE_TEXT_COLOUR, REAL_CHANGE_COLOUR } from './palette.ts'

/** One measure in both waves, with the verdict of analysis/comparison/compare-waves.ts. */
export interface DumbbellRow {
  label: string
  scale: MeasureScale
  baseline: number | null
  followUp: number | null
  verdict: ChangeVerdict
}

export interface DumbbellChartInput {
  baselineLabel: string
  followUpLabel: string
  rows: DumbbellRow[]
  locale: ChartLocale
}

/**
 * Baseline against follow-up for many measures: per measure a line from the baseline (open
 * circle) to the follow-up (filled circle), a real change (adjusted p < 0.05) in a strong blue
 * and a thick line, a change within normal variation in grey (DOMAIN.md, "Change"), and a text
 * column "21 % → 25 %". A suppressed row, or one missing either number, keeps its row with "for få
 * besvarelser" and no marks. Only proportions are drawn, on one 0–100 % axis: a mean row is left
 * out (its scale has no common axis with shares; chart means separately), and the alt text says
 * how many were left out. Rows keep their input order.
 *
 * @param input - the two waves' labels, one row per measure and the locale
 * @returns the spec, its title and its alt text
 * @example
 * dumbbellChart({ baselineLabel: '2023/24', followUpLabel: '2024/25', locale: 'en', rows: [
 *   { label: 'Bullied', scale: 'proportion', baseline: 0.21, followUp: 0.14, verdict: 'real-change' }] }).altText
 * // → 'Chart of baseline and follow-up for each measure: Change from 2023/24 to 2024/25.
 * //    Bullied: 21% → 14%, real change.'
 */
export function dumbbellChart(input: DumbbellChartInput): ChartBundle {
  const { baselineLabel, followUpLabel, rows, locale } = input
  const texts = CHART_TEXTS[locale]
  const title = texts.titles.dumbbell(baselineLabel, followUpLabel)
  const proportions = rows.filter((r) => r.scale === 'proportion')
  const meansLeftOut = rows.length - proportions.length
  const values = proportions.map((r) => {
    if (r.verdict === 'suppressed' || r.baseline === null || r.followUp === null) {
      return {
        measure: r.label,
        baseline: null,
        followUp: null,
        verdict: 'suppressed' as const,
        verdictText: texts.suppressed,
        suppressed: true,
        baselineText: null,
        followUpText: null,
        changeText: texts.suppressed,
      }
    }
    const baselineText = formatFigure(r.baseline, 'proportion', locale)
    const followUpText = formatFigure(r.followUp, 'proportion', locale)
    return {
      measure: r.label,
      baseline: r.baseline,
      followUp: r.followUp,
      verdict: r.verdict,
      verdictText: texts.verdicts[r.verdict],
      suppressed: false,
      baselineText,
      followUpText,
      changeText: `${baselineText} → ${followUpText}`,
    }
  })
  const altText = [
    `${texts.chartKinds.dumbbell}: ${title}.`,
    ...values.map((v) =>
      v.suppressed
        ? `${v.measure}: ${texts.suppressed}.`
        : `${v.measure}: ${v.changeText}, ${v.verdictText}.`,
    ),
    ...(meansLeftOut > 0 ? [texts.meansLeftOut(meansLeftOut)] : []),
  ].join(' ')
  const x = {
    type: 'quantitative' as const,
    title: texts.share,
    scale: { domain: [0, 1] },
    axis: { format: vegaFormat('proportion') },
  }
  const color = {
    field: 'verdictText',
    type: 'nominal' as const,
    title: null,
    scale: {
      domain: [texts.verdicts['real-change'], texts.verdicts['within-normal-variation']],
      range: [REAL_CHANGE_COLOUR, NORMAL_VARIATION_COLOUR],
    },
  }
  const frame = chartFrame(title, altText, locale)
  const spec: ChartBundle['spec'] = {
    ...frame,
    ...FIT_TO_CHART_WIDTH,
    title: { text: title, subtitle: `○ ${baselineLabel}   ● ${followUpLabel}` },
    height: rowsHeight(values.length),
    data: { values },
    encoding: {
      y: {
        field: 'measure',
        type: 'nominal',
        title: null,
        scale: { domain: values.map((v) => v.measure) },
      },
      tooltip: [
        { field: 'measure', title: texts.measure },
        { field: 'baselineText', title: baselineLabel },
        { field: 'followUpText', title: followUpLabel },
        { field: 'verdictText', title: ' ' },
      ],
    },
    layer: [
      {
        mark: { type: 'rule' },
        encoding: {
          x: { ...x, field: 'baseline' },
          x2: { field: 'followUp' },
          color,
          strokeWidth: {
            condition: { test: "datum.verdict === 'real-change'", value: 3 },
            value: 1.5,
          },
        },
      },
      {
        mark: { type: 'point', filled: false, fill: 'white', strokeWidth: 2, size: 70, opacity: 1 },
        encoding: { x: { ...x, field: 'baseline' }, color },
      },
      {
        mark: { type: 'point', filled: true, size: 70, opacity: 1 },
        encoding: { x: { ...x, field: 'followUp' }, color },
      },
      {
        // A column right of the plot: both figures, or why there are none.
        mark: { type: 'text', align: 'left', dx: 10 },
        encoding: {
          x: { value: 'width' },
          text: { field: 'changeText' },
          color: {
            condition: { test: 'datum.suppressed', value: NOTE_TEXT_COLOUR },
            value: 'black',
          },
        },
      },
    ],
  }
  return { spec, title, altText }
}
