import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import type { Cell, Codebook, PupilTable } from './pupil-export.ts'

const CODEBOOK_HEADER = ['Variabel', 'Type', 'Tekst', 'Værdier', 'Definition']
const KIND_NAMES = { column: 'kolonne', item: 'spørgsmål', measure: 'score' } as const

/** The sheet names of a pupil-level workbook. */
export const PUPIL_SHEETS = { data: 'Data', codebook: 'Kodebog', notes: 'Om filen' } as const

/**
 * Rows as CSV: for Danish Excel (`csv-excel`) with a BOM, `;` and decimal commas; plain `csv`
 * with `,` and decimal points; CRLF line ends either way.
 */
function csv(rows: Cell[][], format: 'csv-excel' | 'csv'): string {
  const excel = format === 'csv-excel'
  const text = (value: Cell) =>
    value === null
      ? ''
      : typeof value === 'number' && excel
        ? String(value).replace('.', ',')
        : String(value)
  return stringify(
    rows.map((row) => row.map(text)),
    { delimiter: excel ? ';' : ',', record_delimiter: '\r\n', bom: excel },
  )
}

export const pupilCsv = (table: PupilTable, format: 'csv-excel' | 'csv'): string =>
  csv([table.columns, ...table.rows], format)

const codebookRows = (codebook: Codebook): Cell[][] =>
  codebook.entries.map((e) => [e.variable, KIND_NAMES[e.kind], e.text, e.values, e.definition])

/** The codebook as CSV; the notes on the file follow after a blank line. */
export function codebookCsv(codebook: Codebook, format: 'csv-excel' | 'csv'): string {
  const notes = csv(codebook.notes, format).replace(/^\uFEFF/, '')
  return `${csv([CODEBOOK_HEADER, ...codebookRows(codebook)], format)}\r\n${notes}`
}

/**
 * An XLSX workbook with the data (when given) as numbers under a bold frozen header, the
 * codebook, and the notes on the file.
 */
export async function pupilXlsx(
  table: PupilTable | null,
  codebook: Codebook,
  createdAt: Date,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Trivselsradar'
  workbook.created = createdAt
  workbook.modified = createdAt
  const sheet = (name: string, header: string[], rows: Cell[][], widths: number[]) => {
    const added = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
    added.columns = header.map((h, i) => ({ header: h, width: widths[i] ?? 12 }))
    added.addRows(rows)
    added.getRow(1).font = { bold: true }
  }
  if (table) sheet(PUPIL_SHEETS.data, table.columns, table.rows, [8, 12, 16, 16, 8, 10, 8, 16])
  sheet(PUPIL_SHEETS.codebook, CODEBOOK_HEADER, codebookRows(codebook), [28, 10, 60, 50, 80])
  const notes = workbook.addWorksheet(PUPIL_SHEETS.notes)
  notes.columns = [{ width: 30 }, { width: 100 }]
  notes.addRows(codebook.notes)
  notes.getColumn(1).font = { bold: true }
  notes.getColumn(2).alignment = { wrapText: true, vertical: 'top' }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
