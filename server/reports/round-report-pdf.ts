import { REPORT_WORDS, responseRateText } from '../../web/reports/report-words.ts'
import PDFDocument from 'pdfkit'
import SVGtoPDF from 'svg-to-pdfkit'
import type {
  ReportChart,
  ReportLocale,
  ReportRow,
  RoundReportData,
} from '../../web/reports/round-report.tsx'
import { pdfSafeText } from './pdf-safe-text.ts'

const WORDS = REPORT_WORDS

// A4 in points with 18 mm margins, as the HTML report's @page rule.
const MARGIN = 51
const FONT = 'Helvetica'
const BOLD = 'Helvetica-Bold'
const BODY_SIZE = 9.5

interface TableColumn {
  header: string
  /** Share of the content width. */
  width: number
  align?: 'left' | 'right'
}

/** Lays a report out with pdfkit; every text goes through pdfSafeText for the standard fonts. */
class ReportWriter {
  readonly doc: PDFKit.PDFDocument
  private readonly width: number

  constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc
    this.width = doc.page.width - 2 * MARGIN
  }

  private get bottom() {
    return this.doc.page.height - MARGIN
  }

  /** Starts a new page unless `height` more points fit on this one. */
  private room(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage()
  }

  title(text: string, subtitle: string) {
    this.doc.font(BOLD).fontSize(20).text(pdfSafeText(text), MARGIN, this.doc.y)
    this.doc.moveDown(0.2).font(FONT).fontSize(BODY_SIZE).text(pdfSafeText(subtitle))
  }

  heading(text: string) {
    // Keep a heading with at least a few lines of what follows it.
    this.room(70)
    this.doc.moveDown(1).font(BOLD).fontSize(14).text(pdfSafeText(text), MARGIN)
    const y = this.doc.y + 2
    this.doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + this.width, y)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke()
    this.doc.y = y + 6
    this.doc.font(FONT).fontSize(BODY_SIZE).fillColor('#111111')
  }

  bullets(items: string[]) {
    this.doc.font(FONT).fontSize(BODY_SIZE)
    for (const item of items) {
      this.room(this.doc.heightOfString(pdfSafeText(item), { width: this.width - 12 }))
      this.doc.text(`•  ${pdfSafeText(item)}`, MARGIN, this.doc.y, {
        width: this.width,
        indent: 0,
        paragraphGap: 3,
      })
    }
  }

  /** A table with a bold header row; a row never splits across pages. */
  table(columns: TableColumn[], rows: Array<Array<{ text: string; italic?: boolean }>>) {
    const padding = 3
    const widths = columns.map((c) => c.width * this.width)
    const drawRow = (cells: Array<{ text: string; italic?: boolean }>, bold: boolean) => {
      const texts = cells.map((c) => pdfSafeText(c.text))
      this.doc.fontSize(BODY_SIZE)
      const height =
        Math.max(
          ...texts.map((text, i) => {
            this.doc.font(bold ? BOLD : FONT)
            return this.doc.heightOfString(text || ' ', { width: widths[i]! - 2 * padding })
          }),
        ) +
        2 * padding
      this.room(height)
      const top = this.doc.y
      let x = MARGIN
      texts.forEach((text, i) => {
        const italic = cells[i]!.italic === true
        this.doc
          .font(bold ? BOLD : italic ? 'Helvetica-Oblique' : FONT)
          .fillColor(italic ? '#555555' : '#111111')
          .text(text, x + padding, top + padding, {
            width: widths[i]! - 2 * padding,
            align: columns[i]!.align ?? 'left',
          })
        x += widths[i]!
      })
      this.doc
        .moveTo(MARGIN, top + height)
        .lineTo(MARGIN + this.width, top + height)
        .lineWidth(0.5)
        .strokeColor('#dddddd')
        .stroke()
      this.doc.fillColor('#111111')
      this.doc.x = MARGIN
      this.doc.y = top + height
    }
    drawRow(
      columns.map((c) => ({ text: c.header })),
      true,
    )
    for (const row of rows) drawRow(row, false)
    this.doc.font(FONT)
  }

  /** A vega chart as vector graphics, scaled down to the content width when wider. */
  chart(chart: ReportChart) {
    const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(chart.svg)
    const svgWidth = size ? Number(size[1]) : this.width
    const svgHeight = size ? Number(size[2]) : this.width / 2
    const width = Math.min(this.width, svgWidth)
    const height = (svgHeight * width) / svgWidth
    this.room(height + 12)
    const top = this.doc.y + 6
    SVGtoPDF(this.doc, pdfSafeText(chart.svg), MARGIN, top, { width, height })
    this.doc.x = MARGIN
    this.doc.y = top + height + 6
  }

  /** "Side i af n" at the foot of every page; needs `bufferPages`. */
  pageNumbers(label: (page: number, pages: number) => string) {
    const range = this.doc.bufferedPageRange()
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i)
      // Writing in the bottom margin would otherwise make pdfkit start a new page.
      const margin = this.doc.page.margins.bottom
      this.doc.page.margins.bottom = 0
      this.doc
        .font(FONT)
        .fontSize(8)
        .fillColor('#555555')
        .text(label(i + 1, range.count), MARGIN, this.doc.page.height - MARGIN / 2 - 4, {
          width: this.width,
          align: 'center',
          lineBreak: false,
        })
      this.doc.page.margins.bottom = margin
    }
  }
}

const figureRows = (rows: ReportRow[], lang: ReportLocale) =>
  rows.map((row) => [
    { text: row.label },
    row.value === null ? { text: WORDS[lang].suppressed, italic: true } : { text: row.value },
    { text: row.n === null ? '' : String(row.n) },
    { text: row.text ?? '' },
  ])

/**
 * The round report as an A4 PDF with the HTML report's content and order: key messages, response
 * rate, each theme's table and charts (vega's SVG drawn as vectors), the method notes, page
 * numbers, and the title and language in the document's metadata.
 *
 * @param data - the report content from loadRoundReport
 * @param createdAt - the creation date written to the metadata
 * @returns the PDF file
 */
export async function roundReportPdf(data: RoundReportData, createdAt: Date): Promise<Buffer> {
  const w = WORDS[data.lang]
  const title = `${data.title} ${data.roundLabel}`
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: data.lang,
    displayTitle: true,
    info: {
      // pdfkit writes metadata as UTF-16 when needed: no WinAnsi limit here.
      Title: title,
      Author: 'Trivselsradar',
      Subject: `${w.made} ${data.date}`,
      CreationDate: createdAt,
      ModDate: createdAt,
    },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const out = new ReportWriter(doc)
  out.title(title, `${w.made} ${data.date}`)

  out.heading(w.keyMessages)
  out.bullets(data.keyMessages)

  const rr = data.responseRate
  out.heading(w.responseRate)
  out.table(
    [
      { header: w.school, width: 0.4 },
      { header: w.completed, width: 0.2, align: 'right' },
      { header: w.expected, width: 0.2, align: 'right' },
      { header: w.responseRate, width: 0.2, align: 'right' },
    ],
    [
      ...rr.schools.map((s) => [
        { text: s.name },
        { text: String(s.completed) },
        { text: String(s.expected) },
        { text: responseRateText(s.completed, s.expected, data.lang) },
      ]),
      [
        { text: w.total },
        { text: String(rr.completed) },
        { text: String(rr.expected) },
        { text: responseRateText(rr.completed, rr.expected, data.lang) },
      ],
    ],
  )
  out.chart(rr.chart)

  for (const section of data.sections) {
    out.heading(section.heading)
    out.table(
      [
        { header: w.measure, width: 0.3 },
        { header: w.figure, width: 0.15, align: 'right' },
        { header: 'n', width: 0.08, align: 'right' },
        { header: w.comparison, width: 0.47 },
      ],
      figureRows(section.rows, data.lang),
    )
    for (const chart of section.charts) out.chart(chart)
  }

  const m = data.method
  out.heading(w.method)
  out.bullets([
    w.versions(m.questionnaireVersion, m.scoringSpecVersion),
    `${w.responseRate}: ${rr.completed}/${rr.expected} (${responseRateText(rr.completed, rr.expected, data.lang)})`,
    w.excluded(m.excludedAsInvalid),
    w.k(m.k),
    m.suppressionRule,
    w.groups,
  ])

  out.pageNumbers(w.page)
  doc.end()
  return done
}
