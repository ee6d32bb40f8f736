import { createRoute, z } from '@hono/zod-openapi'
import { AggregateQuery } from '../analysis/analysis-queries.ts'
import { aggregate } from '../analysis/analysis.routes.ts'
import type { AppDeps } from '../app-env.ts'
import { recordAudit } from '../audit/audit-log.repository.ts'
import { requireRole, requireStaff } from '../auth/auth.middleware.ts'
import { definitionOf } from '../analysis/result-rounds.ts'
import { roundLabel } from '../analysis/group-labels.ts'
import { roundOf } from '../rounds/round-access.ts'
import { createRouter, errorResponses } from '../openapi.ts'
import { aggregateTable, SHEET_NAMES } from './aggregate-table.ts'
import { asciiSafe } from './file-names.ts'
import { exportKey } from './export-keys.repository.ts'
import { pupilCodebook, pupilExport } from './pupil-export.ts'
import { codebookCsv, pupilCsv, pupilXlsx } from './pupil-files.ts'
import { EXPORT_FILES, tableCsv, tableXlsx } from './table-files.ts'

// Benchmarks are not part of a table export; everything else is the aggregate endpoint's query.
const ExportAggregateQuery = AggregateQuery.omit({ benchmark: true }).extend({
  format: z.enum(['csv-excel', 'csv', 'xlsx']),
})

const ExportFormat = z.enum(['csv-excel', 'csv', 'xlsx'])

const PupilExportQuery = z.object({
  round: z.uuid(),
  format: ExportFormat,
  shape: z.enum(['wide', 'long']).default('wide'),
  pseudonyms: z.enum(['true', 'false']).default('true'),
})

const CodebookQuery = PupilExportQuery.omit({ shape: true })

const fileResponses = {
  200: {
    description: 'The file, as an attachment',
    content: {
      'text/csv': { schema: z.string() },
      [EXPORT_FILES.xlsx.contentType]: { schema: z.string().openapi({ format: 'binary' }) },
    },
  },
  ...errorResponses,
}

/**
 * Downloads of analysis results for Excel and other programs. The figures are exactly those of
 * the analysis API (same privacy rules); every download is written to the audit log.
 */
export function exportsRoutes(deps: AppDeps) {
  const app = createRouter()
  app.use('*', requireStaff(deps))

  app.openapi(
    createRoute({
      method: 'get',
      path: '/aggregate',
      summary:
        'The aggregate result as CSV for Danish Excel (csv-excel), plain CSV or XLSX, with notes on the figures',
      request: { query: ExportAggregateQuery },
      responses: {
        200: {
          description: 'The file, as an attachment',
          content: {
            'text/csv': { schema: z.string() },
            [EXPORT_FILES.xlsx.contentType]: { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const staff = c.var.staff
      const { format, ...query } = c.req.valid('query')
      const result = await aggregate(deps, staff, { ...query, benchmark: 'false' })
      const now = deps.clock.now()
      const table = aggregateTable(result, query.by, query.lang, now)

      await recordAudit(
        deps.db,
        {
          userId: staff.id,
          municipalityId: staff.municipalityId,
          action: 'export.aggregate',
          entityType: 'measure',
          entityId: query.measure,
          // What was exported, never the figures themselves.
          details: {
            format,
            measure: query.measure,
            by: query.by,
            filters: {
              rounds: query.rounds ?? null,
              school: query.school ?? null,
              grade: query.grade ?? null,
              gender: query.gender ?? null,
              includeFlagged: query.includeFlagged,
            },
            rows: table.rows.length,
          },
        },
        now,
      )

      const file = EXPORT_FILES[format]
      const period = result.rounds.length === 1 ? result.rounds[0]!.label : 'tidsserie'
      const name = asciiSafe(`trivselsradar-${query.measure}-${period}`)
      const headers = {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${name}.${file.extension}"`,
        'cache-control': 'no-store',
      }
      if (format === 'xlsx') {
        const body = await tableXlsx(table, SHEET_NAMES[query.lang], now)
        return c.body(new Uint8Array(body), 200, headers)
      }
      return c.body(tableCsv(table, format), 200, headers)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/responses',
      summary:
        'Administrators only: the completed responses of a round, one row per response (wide) or per value (long), for researchers with a data agreement',
      middleware: [requireRole('admin')] as const,
      request: { query: PupilExportQuery },
      responses: fileResponses,
    }),
    async (c) => {
      const staff = c.var.staff
      const query = c.req.valid('query')
      const pseudonyms = query.pseudonyms === 'true'
      const round = await roundOf(deps, staff, query.round)
      const definition = await definitionOf(deps, round)
      const now = deps.clock.now()
      const k = deps.config.minGroupSize
      const table = await pupilExport(deps.db, round, roundLabel(round), definition, {
        shape: query.shape,
        pseudonymKey: pseudonyms ? await exportKey(deps.db, staff.municipalityId, now) : null,
        k,
      })
      await recordAudit(
        deps.db,
        {
          userId: staff.id,
          municipalityId: staff.municipalityId,
          action: 'export.responses',
          entityType: 'round',
          entityId: round.id,
          details: {
            format: query.format,
            shape: query.shape,
            pseudonyms,
            rows: table.rows.length,
          },
        },
        now,
      )
      const file = EXPORT_FILES[query.format]
      const name = asciiSafe(`trivselsradar-besvarelser-${roundLabel(round)}-${query.shape}`)
      const headers = {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${name}.${file.extension}"`,
        'cache-control': 'no-store',
      }
      if (query.format === 'xlsx') {
        const codebook = pupilCodebook(definition, k, pseudonyms)
        return c.body(new Uint8Array(await pupilXlsx(table, codebook, now)), 200, headers)
      }
      return c.body(pupilCsv(table, query.format), 200, headers)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/codebook',
      summary:
        'Administrators only: the codebook of the pupil-level export of a round (items, answer labels, measure definitions, privacy rules)',
      middleware: [requireRole('admin')] as const,
      request: { query: CodebookQuery },
      responses: fileResponses,
    }),
    async (c) => {
      const query = c.req.valid('query')
      const round = await roundOf(deps, c.var.staff, query.round)
      const definition = await definitionOf(deps, round)
      const codebook = pupilCodebook(
        definition,
        deps.config.minGroupSize,
        query.pseudonyms === 'true',
      )
      const file = EXPORT_FILES[query.format]
      const name = asciiSafe(`trivselsradar-kodebog-${roundLabel(round)}`)
      const headers = {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${name}.${file.extension}"`,
        'cache-control': 'no-store',
      }
      if (query.format === 'xlsx') {
        const body = await pupilXlsx(null, codebook, deps.clock.now())
        return c.body(new Uint8Array(body), 200, headers)
      }
      return c.body(codebookCsv(codebook, query.format), 200, headers)
    },
  )
  return app
}
