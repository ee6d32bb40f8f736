import { REPORT_WORDS, responseRateText } from './report-words.ts'
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'

export type ReportLocale = 'da' | 'en'

/** One measure's line in a report: its released figure (or none) and its comparison in words. */
export interface ReportRow {
  label: string
  /** Whole percent or one decimal, already formatted; null when the group is suppressed. */
  value: string | null
  n: number | null
  text: string | null
}

/** A rendered chart: the SVG markup from renderSvg (vega's own output from our data). */
export interface ReportChart {
  title: string
  svg: string
}

export interface ReportThemeSection {
  heading: string
  rows: ReportRow[]
  charts: ReportChart[]
}

/** Everything a round report shows; built on the server from released figures only. */
export interface RoundReportData {
  lang: ReportLocale
  title: string
  roundLabel: string
  date: string
  keyMessages: string[]
  responseRate: {
    completed: number
    expected: number
    schools: Array<{ name: string; completed: number; expected: number }>
    chart: ReportChart
  }
  sections: ReportThemeSection[]
  method: {
    questionnaireVersion: number
    scoringSpecVersion: string
    excludedAsInvalid: number | null
    k: number
    suppressionRule: string
  }
}

const WORDS = REPORT_WORDS

const REPORT_CSS = `
@page { size: A4; margin: 18mm }
body { font-family: system-ui, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #111; max-width: 174mm; margin: 0 auto }
h1 { font-size: 20pt; margin: 0 0 2mm }
h2 { font-size: 14pt; margin: 8mm 0 3mm; border-bottom: 1px solid #999 }
section { break-inside: auto }
figure { margin: 3mm 0; break-inside: avoid }
figure svg { max-width: 100%; height: auto }
table { border-collapse: collapse; width: 100%; break-inside: auto }
th, td { text-align: left; vertical-align: top; padding: 1mm 2mm; border-bottom: 1px solid #ddd }
td.number { text-align: right; white-space: nowrap }
tr { break-inside: avoid }
.suppressed { font-style: italic; color: #555 }
@media print { h2 { break-after: avoid } }
`

export function ReportSection(props: { heading: string; children?: Child }) {
  return (
    <section>
      <h2>{props.heading}</h2>
      {props.children}
    </section>
  )
}

/** A chart as inline SVG; the markup is vega's serialisation, which escapes every text. */
export function ReportFigure(props: { chart: ReportChart }) {
  return <figure>{raw(props.chart.svg)}</figure>
}

export function KeyMessages(props: { messages: string[]; lang: ReportLocale }) {
  return (
    <ReportSection heading={WORDS[props.lang].keyMessages}>
      <ul>
        {props.messages.map((m) => (
          <li>{m}</li>
        ))}
      </ul>
    </ReportSection>
  )
}

export function ResponseRate(props: { data: RoundReportData['responseRate']; lang: ReportLocale }) {
  const w = WORDS[props.lang]
  const { data } = props
  return (
    <ReportSection heading={w.responseRate}>
      <table>
        <thead>
          <tr>
            <th>{w.school}</th>
            <th>{w.completed}</th>
            <th>{w.expected}</th>
            <th>{w.rate}</th>
          </tr>
        </thead>
        <tbody>
          {data.schools.map((s) => (
            <tr>
              <td>{s.name}</td>
              <td class="number">{s.completed}</td>
              <td class="number">{s.expected}</td>
              <td class="number">{responseRateText(s.completed, s.expected, props.lang)}</td>
            </tr>
          ))}
          <tr>
            <th>{w.total}</th>
            <td class="number">{data.completed}</td>
            <td class="number">{data.expected}</td>
            <td class="number">{responseRateText(data.completed, data.expected, props.lang)}</td>
          </tr>
        </tbody>
      </table>
      <ReportFigure chart={data.chart} />
    </ReportSection>
  )
}

export function FigureTable(props: { rows: ReportRow[]; lang: ReportLocale }) {
  const w = WORDS[props.lang]
  return (
    <table>
      <thead>
        <tr>
          <th>{w.measure}</th>
          <th>{w.figure}</th>
          <th>n</th>
          <th>{w.comparison}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr>
            <td>{row.label}</td>
            {row.value === null ? (
              <td class="number suppressed">{w.suppressed}</td>
            ) : (
              <td class="number">{row.value}</td>
            )}
            <td class="number">{row.n ?? ''}</td>
            <td>{row.text ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function MethodNotes(props: {
  method: RoundReportData['method']
  responseRate: RoundReportData['responseRate']
  lang: ReportLocale
}) {
  const w = WORDS[props.lang]
  const { method, responseRate } = props
  return (
    <ReportSection heading={w.method}>
      <ul>
        <li>{w.versions(method.questionnaireVersion, method.scoringSpecVersion)}</li>
        <li>
          {w.rate}: {responseRate.completed}/{responseRate.expected} (
          {responseRateText(responseRate.completed, responseRate.expected, props.lang)})
        </li>
        <li>{w.excluded(method.excludedAsInvalid)}</li>
        <li>{w.k(method.k)}</li>
        <li>{method.suppressionRule}</li>
        <li>{w.groups}</li>
      </ul>
    </ReportSection>
  )
}

/** The whole print-ready report (A4): key messages first, then the detail, then the method. */
export function RoundReport(props: { data: RoundReportData }) {
  const { data } = props
  const w = WORDS[data.lang]
  return (
    <html lang={data.lang}>
      <head>
        <meta charset="utf-8" />
        <title>{`${data.title} ${data.roundLabel}`}</title>
        <style>{raw(REPORT_CSS)}</style>
      </head>
      <body>
        <header>
          <h1>
            {data.title} {data.roundLabel}
          </h1>
          <p>
            {w.made} {data.date}
          </p>
        </header>
        <KeyMessages messages={data.keyMessages} lang={data.lang} />
        <ResponseRate data={data.responseRate} lang={data.lang} />
        {data.sections.map((s) => (
          <ReportSection heading={s.heading}>
            <FigureTable rows={s.rows} lang={data.lang} />
            {s.charts.map((chart) => (
              <ReportFigure chart={chart} />
            ))}
          </ReportSection>
        ))}
        <MethodNotes method={data.method} responseRate={data.responseRate} lang={data.lang} />
      </body>
    </html>
  )
}
