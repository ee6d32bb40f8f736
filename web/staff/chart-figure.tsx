import type { Child } from 'hono/jsx'

export interface ChartText {
  title: string
  altText: string
}

/**
 * A chart drawn by staff-app.ts from `data-chart-url` (the chart API); until then, and without
 * JavaScript, its text alternative. The numbers behind it fold out below, with an SVG download.
 */
export function ChartFigure(props: {
  chartUrl: string
  heading: string
  text: ChartText | undefined
  children?: Child
}) {
  return (
    <figure class="chart">
      <figcaption>{props.heading}</figcaption>
      <div class="chart-canvas" data-chart-url={props.chartUrl}>
        <p class="chart-alt">{props.text?.altText ?? 'Figuren kunne ikke laves.'}</p>
      </div>
      {props.children ? (
        <details>
          <summary>Vis tal</summary>
          {props.children}
        </details>
      ) : null}
      <p class="downloads">
        <a href={`${props.chartUrl}&format=svg`} download>
          Hent figuren som SVG
        </a>
      </p>
    </figure>
  )
}
