import { parse, View } from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'

const escapeAttribute = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * Renders a chart spec to an SVG string without a browser or canvas, as vega-lite's
 * `bin/render.js` does: compile to Vega, run a headless view, serialise the scenegraph. The specs
 * built here carry their data inline, so nothing is loaded. Vega's headless SVG leaves the spec's
 * `description` out (in a browser it labels the container element), so it is put on the root
 * `<svg>` as `role="img"` with an `aria-label`: a report's chart then has its alt text wherever the
 * SVG goes.
 *
 * @param spec - a Vega-Lite spec with inline data
 * @returns the SVG markup, starting with `<svg`
 * @throws Error when the spec does not compile or its data flow fails
 * @example
 * await renderSvg(responseRateChart({ groups: [{ label: '7.A', responded: 20, expected: 24 }], locale: 'da' }).spec)
 * // → '<svg role="img" aria-label="Søjlediagram over svarprocent…" xmlns="http://www.w3.org/2000/svg" …'
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const key = JSON.stringify(spec)
  const known = rendered.get(key)
  if (known !== undefined) {
    // Most recently used last: the oldest entry is the first to go.
    rendered.delete(key)
    rendered.set(key, known)
    return known
  }
  const svg = await renderFresh(spec)
  rendered.set(key, svg)
  if (rendered.size > RENDERED_KEPT) rendered.delete(rendered.keys().next().value as string)
  return svg
}

/**
 * SVGs already rendered, by their spec: a spec carries all its data, so the same spec always
 * draws the same SVG. A report of a closed round is printed and downloaded again and again, and
 * rendering took half its time. A bounded memo in each process; nothing is lost with it.
 */
const rendered = new Map<string, string>()
const RENDERED_KEPT = 200

async function renderFresh(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' })
  try {
    const svg = await view.toSVG()
    if (!spec.description) return svg
    return svg.replace(
      /^<svg /,
      `<svg role="img" aria-label="${escapeAttribute(spec.description)}" `,
    )
  } finally {
    view.finalize()
  }
}
