import { createRoute, z } from '@hono/zod-openapi'
import { RoundReport } from '../../web/reports/round-report.tsx'
import type { AppDeps } from '../app-env.ts'
import { recordAudit } from '../audit/audit-log.repository.ts'
import { requireStaff } from '../auth/auth.middleware.ts'
import { asciiSafe } from '../exports/file-names.ts'
import { createRouter, errorResponses } from '../openapi.ts'
import { loadRoundReport, ReportQuery } from './round-report-data.ts'
import { roundReportPdf } from './round-report-pdf.ts'

const ReportFileQuery = ReportQuery.extend({
  format: z.enum(['html', 'pdf']).default('html'),
})

/**
 * The print-ready round report (HTML for A4, or a PDF file) of the municipality or one school,
 * built only from released figures; every report is written to the audit log.
 */
export function reportsRoutes(deps: AppDeps) {
  const app = createRouter()
  app.use('*', requireStaff(deps))

  app.openapi(
    createRoute({
      method: 'get',
      path: '/round/{id}',
      summary:
        'A round report of the municipality or one school, as an HTML document for A4 or (format=pdf) an A4 PDF file',
      request: { params: z.object({ id: z.uuid() }), query: ReportFileQuery },
      responses: {
        200: {
          description: 'The report as a complete HTML document, or as a PDF attachment',
          content: {
            'text/html': { schema: z.string() },
            'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const started = performance.now()
      const staff = c.var.staff
      const { id } = c.req.valid('param')
      const { format, ...query } = c.req.valid('query')
      const data = await loadRoundReport(deps, staff, id, query)
      await recordAudit(
        deps.db,
        {
          userId: staff.id,
          municipalityId: staff.municipalityId,
          action: 'report.round',
          entityType: 'round',
          entityId: id,
          details: {
            school: query.school ?? null,
            lang: query.lang,
            ...(format === 'pdf' ? { format } : {}),
          },
        },
        deps.clock.now(),
      )
      const took = () => Math.round(performance.now() - started)
      if (format === 'pdf') {
        const pdf = await roundReportPdf(data, deps.clock.now())
        console.log(`report.round ${id}: PDF rendered in ${took()} ms`)
        return c.body(new Uint8Array(pdf), 200, {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="${asciiSafe(`trivselsradar-rapport-${data.roundLabel}`)}.pdf"`,
          'cache-control': 'no-store',
        })
      }
      const html = `<!doctype html>${String(<RoundReport data={data} />)}`
      console.log(`report.round ${id}: rendered in ${took()} ms`)
      return c.html(html, 200)
    },
  )
  return app
}
