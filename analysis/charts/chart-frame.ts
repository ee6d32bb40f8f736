import type { Config } from 'vega-lite'
import type { ChartLocale } from './chart-data.ts'
import { vegaLocale } from './chart-format.ts'

/** The Vega-Lite schema every spec names. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json'

/** Total width of a chart in pixels, axes and labels included: fits an A4 page and a phone. */
export const CHART_WIDTH = 560

/** Height of one row (a school, a class, a measure) in the row-per-group charts. */
export const ROW_HEIGHT = 26

/**
 * Width and sizing for a single or layered view: the plot shrinks so that the whole chart, axis
 * labels and text columns included, is {@link CHART_WIDTH} wide. Faceted charts cannot fit
 * (Vega-Lite supports fit only for single and layered views) and set a plot width instead.
 */
export const FIT_TO_CHART_WIDTH = {
  width: CHART_WIDTH,
  autosize: { type: 'fit-x' as const, contains: 'padding' as const },
}

/**
 * The plot height for a chart with one row per group. A number rather than Vega-Lite's
 * `{ step }`, which makes Vega-Lite warn about dropping fit-y although only fit-x was asked for.
 *
 * @param rows - how many rows the chart has
 * @returns the height in pixels
 * @example
 * rowsHeight(4) // → 104
 */
export function rowsHeight(rows: number): number {
  return Math.max(1, rows) * ROW_HEIGHT
}

/**
 * The parts every chart spec shares: schema, title, the alt text as `description`, system fonts
 * (no font is fetched) and the locale's number format, so axes read like the alt text. Sizes are
 * fixed, not `'container'`: a server-side SVG has no container to fill.
 *
 * @param title - the chart's title
 * @param altText - the text alternative: Vega labels the chart's container with it in a browser,
 *   renderSvg puts it on the `<svg>`
 * @param locale - da or en
 * @returns the top-level properties to spread into a spec
 * @example
 * chartFrame('Svarprocent', 'Søjlediagram …', 'da').description // → 'Søjlediagram …'
 */
export function chartFrame(title: string, altText: string, locale: ChartLocale) {
  const config: Config = {
    font: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
    locale: vegaLocale(locale),
    view: { stroke: null },
    title: { anchor: 'start', fontSize: 15, subtitleFontSize: 12 },
    axis: { labelFontSize: 11, titleFontSize: 11, labelLimit: 260 },
    legend: {
      labelFontSize: 11,
      titleFontSize: 11,
      labelLimit: 300,
      orient: 'bottom',
      direction: 'horizontal',
    },
  }
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    description: altText,
    config,
  }
}
