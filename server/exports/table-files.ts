import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import type { AggregateTable, Cell, ColumnKind } from './aggregate-table.ts'

export type ExportFormat = 'csv-excel' | 'csv' | 'xlsx'

export const EXPORT_FILES: Record<ExportFormat, { contentType: string; extension: string }> = {
  'csv-excel': { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
  },
}

const DECIMALS: Record<ColumnKind, number | null> = { text: null, count: 0, percent: 1, mean: 2 }
const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = {
  text: undefined,
  count: '0',
  percent: '0.0',
  mean: '0.00',
}

/**
 * The table as CSV. `csv-excel` is what Danish Excel opens by double-click: a BOM so it reads
 * UTF-8, `;` because `,` is its decimal mark, and decimal commas. `csv` is for other programs:
 * `,` and decimal points. Both end lines with CRLF (RFC 4180). The notes follow after a blank line.
 */
export function tableCsv(table: AggregateTable, format: 'csv-excel' | 'csv'): string {
  const excel = format === 'csv-excel'
  const text = (value: Cell, kind: ColumnKind): string => {
    if (value === null) return ''
    if (typeof value === 'string') return value
    const decimals = DECIMALS[kind]
    const written = decimals === null ? String(value) : value.toFixed(decimals)
    return excel ? written.replace('.', ',') : written
  }
  const options = { delimiter: excel ? ';' : ',', record_delimiter: '\r\n' }
  const kinds = table.columns.map((c) => c.kind)
  const body = stringify(
    [
      table.columns.map((c) => c.header),
      ...table.rows.map((row) => row.map((value, i) => text(value, kinds[i]!))),
    ],
    { ...options, bom: excel },
  )
  const notes = stringify(
    table.notes.map(([label, value]) => [label, text(value, 'count')]),
    options,
  )
  return `${body}\r\n${notes}`
}

/**
 * The table as an XLSX workbook: figures as numbers with a number format (so Excel can compute
 * with them), a bold frozen header row, and the notes on a second sheet.
 */
export async function tableXlsx(
  table: AggregateTable,
  sheetNames: { table: string; about: string },
  createdAt: Date,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Trivselsradar'
  workbook.created = createdAt
  workbook.modified = createdAt

  const sheet = workbook.addWorksheet(sheetNames.table, {
    views: [{ state: 'frozen', ySplit: 1 }],
  })
  sheet.columns = table.columns.map((column) => {
    const numFmt = NUMBER_FORMATS[column.kind]
    return {
      header: column.header,
      width: column.kind === 'text' ? 24 : Math.max(10, column.header.length + 2),
      ...(numFmt ? { style: { numFmt } } : {}),
    }
  })
  sheet.addRows(table.rows)
  sheet.getRow(1).font = { bold: true }

  const about = workbook.addWorksheet(sheetNames.about)
  about.columns = [{ width: 40 }, { width: 100 }]
  about.addRows(table.notes)
  about.getColumn(1).font = { bold: true }
  about.getColumn(2).alignment = { wrapText: true, vertical: 'top' }

  return Buffer.from(await workbook.xlsx.writeBuffer())
}
