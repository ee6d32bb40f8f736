import { createHmac } from 'node:crypto'

/**
 * A stable pseudonym for a school or class id: the start of HMAC-SHA-256(key, kind:id) in hex,
 * e.g. "Skole-3F9A2C". Without the municipality's secret key it cannot be linked to the id.
 * Six hex digits keep collisions unlikely among a municipality's few hundred classes.
 */
export function pseudonym(key: string, prefix: 'Skole' | 'Klasse', id: string): string {
  const digest = createHmac('sha256', key).update(`${prefix}:${id}`).digest('hex')
  return `${prefix}-${digest.slice(0, 6).toUpperCase()}`
}
