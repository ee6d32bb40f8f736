import { createRoute, z } from '@hono/zod-openapi'
import { AggregateQuery } from '../analysis/analysis-queries.ts'
import { aggregate } from '../analysis/analysis.routes.ts'
import type { AppDeps } from '../app-env.ts'
import { recordAudit } from '../audit/audit-log.repository.ts'
import { requireStaff } from '../auth/auth.middleware.ts'
import { createRouter, errorResponses } from '../openapi.ts'
import { aggregateTable, SHEET_NAMES } from './aggregate-table.ts'
import { EXPORT_FILES, tableCsv, tableXlsx } from './table-files.ts'

// Benchmarks are not part of a table export; everything else is the aggregate endpoint's query.
const ExportAggregateQuery = AggregateQuery.omit({ benchmark: true }).extend({
  format: z.enum(['csv-excel', 'csv', 'xlsx']),
})

/** A file name that survives every browser and file system: ASCII letters, digits, '.', '-'. */
const asciiSafe = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')

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
  return app
}
