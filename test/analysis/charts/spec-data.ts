import type { TopLevelSpec } from 'vega-lite'

/** Every inline data row of a spec, from the top level and from nested layers and panels. */
export function dataRows(spec: TopLevelSpec): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = []
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (!node || typeof node !== 'object') return
    const record = node as Record<string, unknown>
    const data = record.data as { values?: unknown } | undefined
    if (data && Array.isArray(data.values)) rows.push(...(data.values as Record<string, unknown>[]))
    for (const key of ['layer', 'vconcat', 'hconcat', 'concat', 'spec']) visit(record[key])
  }
  visit(spec)
  return rows
}

/** The text of every `<text>` element of an SVG, entities decoded. */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    (m[1] ?? '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  )
}

/** A shown proportion with a plausible interval around it. */
export const shown = (value: number, n: number) => ({
  status: 'shown' as const,
  value,
  lower: Math.max(0, value - 0.08),
  upper: Math.min(1, value + 0.09),
  n,
})

export const suppressed = { status: 'suppressed' as const }
