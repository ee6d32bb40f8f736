import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { AuditLogRow, Database } from '../db/schema.ts'

export interface AuditEntry {
  userId: string | null
  municipalityId: string | null
  action: string
  entityType: string
  entityId: string | null
  details?: Record<string, unknown>
}

export interface AuditRecord extends Omit<AuditEntry, 'details'> {
  id: string
  at: string
  details: Record<string, unknown>
}

/** Writes one audit entry; call it inside the transaction of the change it records. */
export async function recordAudit(
  db: Kysely<Database>,
  entry: AuditEntry,
  now: Date,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      at: now.toISOString(),
      user_id: entry.userId,
      municipality_id: entry.municipalityId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      details_json: JSON.stringify(entry.details ?? {}),
    })
    .execute()
}

function toAuditRecord(row: AuditLogRow): AuditRecord {
  return {
    id: row.id,
    at: row.at,
    userId: row.user_id,
    municipalityId: row.municipality_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    details: JSON.parse(row.details_json) as Record<string, unknown>,
  }
}

export async function listAudit(
  db: Kysely<Database>,
  municipalityId: string,
  options: { limit: number; before?: string },
): Promise<AuditRecord[]> {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .where('municipality_id', '=', municipalityId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
  if (options.before !== undefined) query = query.where('at', '<', options.before)
  const rows = await query.execute()
  return rows.map(toAuditRecord)
}
