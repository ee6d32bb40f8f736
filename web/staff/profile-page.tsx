import type { FactorDomain, FactorKind } from '../../survey-definitions/scoring-spec.ts'
import { ChartFigure, type ChartText } from './chart-figure.tsx'
import { ChoiceSelect, SchoolChoice } from './choice-select.tsx'
import { filterQuery, type FilterChoices, type Filters } from './filter-form.tsx'
import {
  ChangeText,
  FigureText,
  formatCount,
  formatValue,
  rowValue,
  type Comparison,
  type ResultRow,
} from './figure-text.tsx'

export interface ProfileFactor {
  /** The measure id, `factor.<id>.present`. */
  measure: string
  label: string
  kind: FactorKind
  domain: FactorDomain
  value: ResultRow | undefined
  /** The figure compared with: the municipality (for a school) or the previous year. */
  comparison: ResultRow | undefined
  change: Comparison | undefined
}

export interface ProfilePageProps {
  filters: Filters
  choices: FilterChoices
  roundLabel: string
  /** Whose profile: "Kommunen" or the school's name. */
  subjectLabel: string
  /** What the factors are compared with, or null when there is nothing to compare with. */
  comparisonLabel: string | null
  /** The column heading of the tested difference, or null when none was tested. */
  changeHeading: string | null
  changeNote: string | null
  suppressionRule: string
  chart: { chartUrl: string; text: ChartText | undefined }
  factors: ProfileFactor[]
}

const DOMAINS: Array<{ domain: FactorDomain; label: string }> = [
  { domain: 'family', label: 'Familie' },
  { domain: 'school', label: 'Skole' },
  { domain: 'peers-individual', label: 'Kammerater og individ' },
  { domain: 'leisure-community', label: 'Fritid og lokalsamfund' },
]

const KIND_LABEL: Record<FactorKind, string> = {
  risk: 'Risikofaktor',
  protective: 'Beskyttende faktor',
}

/** A 95 % interval as text, or "–" when the figure is hidden or has none. */
function intervalText(row: ResultRow | undefined): string {
  if (!rowValue(row) || row?.status !== 'shown' || row.figure.kind !== 'proportion') return '–'
  return `${formatValue(row.figure.lower, 'proportion')} – ${formatValue(row.figure.upper, 'proportion')}`
}

function FactorKindText(props: { kind: FactorKind }) {
  return <span class={`factor-kind ${props.kind}`}>{KIND_LABEL[props.kind]}</span>
}

function DomainTable(props: {
  label: string
  factors: ProfileFactor[]
  filters: Filters
  comparisonLabel: string | null
  changeHeading: string | null
}) {
  return (
    <table class="figures profile">
      <caption>{props.label}</caption>
      <thead>
        <tr>
          <th scope="col">Faktor</th>
          <th scope="col">Type</th>
          <th scope="col">Andel</th>
          <th scope="col">Besvarelser</th>
          <th scope="col">95 %-interval</th>
          {props.comparisonLabel ? <th scope="col">{props.comparisonLabel}</th> : null}
          {props.changeHeading ? <th scope="col">{props.changeHeading}</th> : null}
        </tr>
      </thead>
      <tbody>
        {props.factors.map((f) => {
          const shown = rowValue(f.value)
          return (
            <tr>
              <th scope="row">
                <a
                  href={`/staff/measures/${encodeURIComponent(f.measure)}${filterQuery(props.filters)}`}
                >
                  {f.label}
                </a>
              </th>
              <td>
                <FactorKindText kind={f.kind} />
              </td>
              <td>
                <FigureText row={f.value} scale="proportion" />
              </td>
              <td>{shown ? formatCount(shown.n) : '–'}</td>
              <td>{intervalText(f.value)}</td>
              {props.comparisonLabel ? (
                <td>
                  <FigureText row={f.comparison} scale="proportion" />
                </td>
              ) : null}
              {props.changeHeading ? (
                <td>
                  <ChangeText comparison={f.change} scale="proportion" />
                </td>
              ) : null}
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

/**
 * The risk and protective profile of the municipality (against the previous year) or of one
 * school (against the municipality): the profile chart and, per domain, every factor's share.
 */
export function ProfilePage(props: ProfilePageProps) {
  const { filters, choices } = props
  return (
    <>
      <p>
        <a href={`/staff/overview${filterQuery(filters)}`}>Tilbage til overblikket</a>
      </p>
      <h1>
        Risiko- og beskyttelsesprofil: {props.subjectLabel}, {props.roundLabel}
      </h1>
      <form class="filters" method="get" action="/staff/profile" aria-label="Filtre">
        <ChoiceSelect
          name="round"
          label="Måling"
          value={filters.round}
          options={choices.rounds.map((r) => ({ value: r.id, label: r.label }))}
        />
        <SchoolChoice value={filters.school} choices={choices} />
        <p class="filter">
          <button type="submit">Vis</button>
        </p>
      </form>
      <p class="note">
        Andelen af eleverne, der har hver faktor.{' '}
        {props.comparisonLabel
          ? `Sammenlignet med: ${props.comparisonLabel}.`
          : 'Der er ingen måling fra skoleåret før at sammenligne med.'}{' '}
        {props.suppressionRule}
      </p>
      <ChartFigure
        heading={`Risiko- og beskyttelsesfaktorer, ${props.subjectLabel}`}
        chartUrl={props.chart.chartUrl}
        text={props.chart.text}
      >
        <table class="figures">
          <caption>Faktorerne i figuren</caption>
          <thead>
            <tr>
              <th scope="col">Faktor</th>
              <th scope="col">Type</th>
              <th scope="col">{props.subjectLabel}</th>
              {props.comparisonLabel ? <th scope="col">{props.comparisonLabel}</th> : null}
            </tr>
          </thead>
          <tbody>
            {props.factors.map((f) => (
              <tr>
                <th scope="row">{f.label}</th>
                <td>{KIND_LABEL[f.kind]}</td>
                <td>
                  <FigureText row={f.value} scale="proportion" />
                </td>
                {props.comparisonLabel ? (
                  <td>
                    <FigureText row={f.comparison} scale="proportion" />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </ChartFigure>
      <section aria-labelledby="domains-title">
        <h2 id="domains-title">Faktorerne fordelt på domæner</h2>
        {props.changeNote ? <p class="note">{props.changeNote}</p> : null}
        {DOMAINS.map((d) => {
          const factors = props.factors.filter((f) => f.domain === d.domain)
          return factors.length === 0 ? null : (
            <DomainTable
              label={d.label}
              factors={factors}
              filters={filters}
              comparisonLabel={props.comparisonLabel}
              changeHeading={props.changeHeading}
            />
          )
        })}
      </section>
    </>
  )
}
