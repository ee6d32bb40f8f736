import type { ConcernGroup } from '../../analysis/charts/concern-chart.ts'
import { ChartFigure, type ChartText } from './chart-figure.tsx'
import { ConcernTable } from './concern-table.tsx'
import { FilterForm, filterQuery, type FilterChoices, type Filters } from './filter-form.tsx'
import {
  ChangeText,
  FigureText,
  formatCount,
  formatValue,
  type Comparison,
  type ResultRow,
  type Scale,
} from './figure-text.tsx'

export interface KeyIndicator {
  id: string
  label: string
  scale: Scale
  value: ResultRow | undefined
  change: Comparison | undefined
}

export interface OverviewProps {
  filters: Filters
  choices: FilterChoices
  roundLabel: string
  /** The round shown, for its report links. */
  roundId: string
  /** The comparison round (the previous school year), if there is one. */
  previousLabel: string | null
  responses: { completed: number; expected: number }
  indicators: KeyIndicator[]
  movers: Array<Comparison & { scale: Scale }>
  concern: {
    chartUrl: string
    text: ChartText | undefined
    groups: ConcernGroup[]
    /** What the rows are: schools, or the grades of one school. */
    groupHeading: string
  }
}

const measureHref = (id: string, filters: Filters) =>
  `/staff/measures/${encodeURIComponent(id)}${filterQuery(filters)}`

function ResponseRate(props: { completed: number; expected: number }) {
  const { completed, expected } = props
  return (
    <p class="response-rate">
      Svarprocent:{' '}
      <strong>{expected > 0 ? formatValue(completed / expected, 'proportion') : '–'}</strong> (
      {formatCount(completed)} af {formatCount(expected)} forventede elever)
    </p>
  )
}

function KeyIndicators(props: {
  indicators: KeyIndicator[]
  filters: Filters
  previousLabel: string | null
}) {
  return (
    <table class="key-indicators">
      <caption>Nøgletal</caption>
      <thead>
        <tr>
          <th scope="col">Mål</th>
          <th scope="col">Værdi</th>
          <th scope="col">
            {props.previousLabel ? `Ændring siden ${props.previousLabel}` : 'Ændring'}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.indicators.map((i) => (
          <tr>
            <th scope="row">
              <a href={measureHref(i.id, props.filters)}>{i.label}</a>
            </th>
            <td>
              <FigureText row={i.value} scale={i.scale} />
            </td>
            <td>
              {props.previousLabel ? <ChangeText comparison={i.change} scale={i.scale} /> : '–'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function Movers(props: { movers: OverviewProps['movers']; filters: Filters }) {
  return (
    <section aria-labelledby="movers-title">
      <h2 id="movers-title">Faktorer, der har flyttet sig mest</h2>
      {props.movers.length === 0 ? (
        <p>Der er ingen sammenligning med året før.</p>
      ) : (
        <ol class="movers">
          {props.movers.map((m) => (
            <li>
              <a href={measureHref(m.measure, props.filters)}>{m.label}</a>:{' '}
              <ChangeText comparison={m} scale={m.scale} />
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

/** One click to the print-ready report of this round, for the chosen school or the municipality. */
function ReportLinks(props: { roundId: string; school: string | undefined }) {
  const base = `/api/reports/round/${props.roundId}`
  const query = (format?: string) => filterQuery({ school: props.school }, format ? { format } : {})
  return (
    <p class="report-links">
      Rapport for {props.school ? 'skolen' : 'kommunen'}:{' '}
      <a href={`${base}${query()}`}>til print (HTML)</a> ·{' '}
      <a href={`${base}${query('pdf')}`} download>
        som PDF
      </a>
    </p>
  )
}

/** The overview of a round: response rate, key indicators and their change, concern levels. */
export function OverviewPage(props: OverviewProps) {
  return (
    <>
      <h1>Overblik: {props.roundLabel}</h1>
      <FilterForm action="/staff/overview" filters={props.filters} choices={props.choices} />
      <ResponseRate {...props.responses} />
      {props.previousLabel ? null : (
        <p>Der er ingen måling fra skoleåret før at sammenligne med.</p>
      )}
      <KeyIndicators
        indicators={props.indicators}
        filters={props.filters}
        previousLabel={props.previousLabel}
      />
      <section aria-labelledby="concern-title">
        <h2 id="concern-title">Bekymringsniveauer</h2>
        <ChartFigure
          heading="Elever fordelt på fire bekymringsniveauer (uden kønsfilter)"
          chartUrl={props.concern.chartUrl}
          text={props.concern.text}
        >
          <ConcernTable
            caption="Andel af eleverne på hvert bekymringsniveau"
            groupHeading={props.concern.groupHeading}
            groups={props.concern.groups}
          />
        </ChartFigure>
      </section>
      <Movers movers={props.movers} filters={props.filters} />
      <ReportLinks roundId={props.roundId} school={props.filters.school} />
      <p>
        <a
          href={`/staff/profile${filterQuery({ round: props.filters.round, school: props.filters.school })}`}
        >
          Se risiko- og beskyttelsesprofilen
        </a>
      </p>
    </>
  )
}
