import type { TopLevelSpec } from 'vega-lite'
import { describe, expect, it } from 'vitest'
import { renderSvg } from '../../../analysis/charts/render-svg.ts'

const spec: TopLevelSpec = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title: 'Svar & "fravær"',
  description: 'Søjler: 7.A <20> & "7.B"',
  data: { values: [{ label: '7.A', value: 20 }] },
  mark: 'bar',
  encoding: { y: { field: 'label', type: 'nominal' }, x: { field: 'value', type: 'quantitative' } },
}

describe('renderSvg', () => {
  it('renders a spec to SVG markup with the title', async () => {
    const svg = await renderSvg(spec)
    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg).toContain('Svar &amp; "fravær"')
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true)
  })

  it('puts the description on the root element as its accessible name, escaped', async () => {
    const svg = await renderSvg(spec)
    expect(svg).toMatch(
      /^<svg role="img" aria-label="Søjler: 7\.A &lt;20&gt; &amp; &quot;7\.B&quot;" xmlns=/,
    )
  })

  it('leaves the root alone when there is no description', async () => {
    const svg = await renderSvg({ ...spec, description: undefined })
    expect(svg.startsWith('<svg xmlns=')).toBe(true)
  })

  it('draws the same spec the same way again, and a changed spec anew', async () => {
    const first = await renderSvg(spec)
    expect(await renderSvg(structuredClone(spec))).toBe(first)
    const changed = await renderSvg({ ...spec, data: { values: [{ label: '7.A', value: 7 }] } })
    expect(changed).not.toBe(first)
    expect(changed.startsWith('<svg role="img"')).toBe(true)
  })
})
