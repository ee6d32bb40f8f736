/** The staff pages' charts, drawn with vega-embed; loaded by staff-app.ts only where needed. */
import embed, { type VisualizationSpec } from 'vega-embed'

interface ChartAnswer {
  title: string
  altText: string
  spec: VisualizationSpec
}

/**
 * Draws each chart from its `data-chart-url` with vega-embed as SVG. The spec carries its data
 * inline, so nothing is loaded from elsewhere; the text alternative stays beside the chart.
 */
export async function renderChart(container: HTMLElement): Promise<void> {
  const response = await fetch(container.dataset.chartUrl!).catch(() => undefined)
  if (!response?.ok) return
  const chart = (await response.json()) as ChartAnswer
  const canvas = document.createElement('div')
  canvas.className = 'chart-drawing'
  canvas.setAttribute('role', 'img')
  canvas.setAttribute('aria-label', chart.altText)
  container.prepend(canvas)
  const { view } = await embed(canvas, chart.spec, { renderer: 'svg', actions: false, ast: true })
  container.querySelector('.chart-alt')?.classList.add('visually-hidden')
  // PNG is drawn here, from the chart on screen; the SVG link asks the server.
  const downloads = container.closest('figure')?.querySelector('.downloads')
  if (downloads) {
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'link-button'
    button.textContent = 'Hent figuren som PNG'
    button.addEventListener('click', async () => {
      const link = document.createElement('a')
      link.href = await view.toImageURL('png', 2)
      link.download = `${fileName(chart.title)}.png`
      link.click()
    })
    downloads.append(' ', button)
  }
}

/** A chart title as a file name: lower case, Danish letters spelled out, dashes between words. */
function fileName(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'oe')
      .replace(/å/g, 'aa')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'figur'
  )
}
