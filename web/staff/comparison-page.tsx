import { ChartFigure, type ChartText } from './chart-figure.tsx'
import { ChoiceSelect, SchoolChoice } from './choice-select.tsx'
import { filterQuery, type FilterChoices } from './filter-form.tsx'
import {
  formatDifference,
  formatValue,
  SUPPRESSED,
  type Comparison,
  type ResultRow,
  type Scale,
} from './figure-text.tsx'

export type Against = 'baseline' | 'rest-of-municipality'

/** The comparison page's filters, as in its URL. */
export interface CompareFilters {
  round?: string | undefined
  baseline?: string | undefined
  school?: string | undefined
  by?: 'grade' | 'gender' | undefined
  against?: Against | undefined
}

export interface CompareRow {
  comparison: Comparison
  scale: Scale
  /** The aggregate rows of each side, for their 95 % intervals (absent for the rest of the municipality). */
  baselineRow: ResultRow | undefined
  followUpRow: ResultRow | undefined
}

export interface ComparisonPageProps {
  filters: CompareFilters
  choices: FilterChoices
  /** Whether the chosen filters let a school be compared with the rest of the municipality. */
  schoolChosen: boolean
  baselineLabel: string
  followUpLabel: string
  /** Set when there is nothing to compare (one round chosen twice); then the rest is empty. */
  notice: string | null
  summary: string
  suppressionRule: string
  chart: { chartUrl: string; text: ChartText | undefined } | null
  groups: Array<{ label: string | null; rows: CompareRow[] }>
}

const EFFECT_LABEL = {
  negligible: 'ubetydelig',
  small: 'lille',
  medium: 'mellemstor',
  large: 'stor',
} as const

const twoDecimals = new Intl.NumberFormat('da-DK', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
})
const threeDecimals = new Intl.NumberFormat('da-DK', {
  minimumFractionDigits: 3,
  maximumFractionDigits: 3,
})

const formatP = (p: number) => (p < 0.001 ? '< 0,001' : threeDecimals.format(p))
/** An effect size with a true minus sign, as formatDifference writes differences. */
const formatEffect = (size: number) => twoDecimals.format(size).replace('-', '−')

/** A 95 % interval as text, or "–" when the side has none to show. */
function intervalText(row: ResultRow | undefined, scale: Scale): string {
  if (row?.status !== 'shown' || row.figure.kind === 'insufficient') return '–'
  const { lower, upper } = row.figure
  return lower === null || upper === null
    ? '–'
    : // No-break spaces: an interval must not wrap inside a table cell.
      `${formatValue(lower, scale)}\u00a0–\u00a0${formatValue(upper, scale)}`.replace(
        / /g,
        '\u00a0',
      )
}

const GROUP_LABEL = { grade: 'klassetrin', gender: 'køn' } as const

function CompareTable(props: {
  caption: string
  rows: CompareRow[]
  baselineLabel: string
  followUpLabel: string
  measureQuery: string
}) {
  return (
    <div class="table-scroll" role="region" aria-label={props.caption} tabindex={0}>
      <table class="figures comparison">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Mål</th>
            <th scope="col">{props.baselineLabel}</th>
            <th scope="col">95 %-interval</th>
            <th scope="col">{props.followUpLabel}</th>
            <th scope="col">95 %-interval</th>
            <th scope="col">Ændring</th>
            <th scope="col">Effektstørrelse</th>
            <th scope="col">Justeret p</th>
            <th scope="col">Vurdering</th>
            <th scope="col">I ord</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map(({ comparison: c, scale, baselineRow, followUpRow }) => {
            const link = (
              <th scope="row">
                <a href={`/staff/measures/${encodeURIComponent(c.measure)}${props.measureQuery}`}>
                  {c.label}
                </a>
              </th>
            )
            if (c.kind !== 'change') {
              const why = c.kind === 'suppressed' ? SUPPRESSED : 'kan ikke testes'
              return (
                <tr>
                  {link}
                  <td class="suppressed" colspan={8}>
                    {why}
                  </td>
                  <td class="sentence">{c.text}</td>
                </tr>
              )
            }
            const real = c.verdict === 'real-change'
            return (
              <tr>
                {link}
                <td>{formatValue(c.baseline, scale)}</td>
                <td>{intervalText(baselineRow, scale)}</td>
                <td>{formatValue(c.followUp, scale)}</td>
                <td>{intervalText(followUpRow, scale)}</td>
                <td>{formatDifference(c.difference, scale)}</td>
                <td>
                  {c.test === 'welch' ? 'd' : 'h'} = {formatEffect(c.effectSize)} (
                  {EFFECT_LABEL[c.effectSizeLabel]})
                </td>
                <td>{formatP(c.adjustedPValue)}</td>
                <td class={`change ${real ? 'real' : 'normal'}`}>
                  {real ? 'reel ændring' : 'inden for normal variation'}
                </td>
                <td class="sentence">{c.text}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

/**
 * A baseline wave against a follow-up (or a school against the rest of the municipality) for
 * every measure: values, intervals, change, effect size, adjusted p and the verdict in words.
 */
export function ComparisonPage(props: ComparisonPageProps) {
  const { filters, choices } = props
  const rest = filters.against === 'rest-of-municipality'
  const rounds = choices.rounds.map((r) => ({ value: r.id, label: r.label }))
  return (
    <>
      <p>
        <a href={`/staff/overview${filterQuery({ round: filters.round, school: filters.school })}`}>
          Tilbage til overblikket
        </a>
      </p>
      <h1>
        Sammenligning: {props.baselineLabel} og {props.followUpLabel}
      </h1>
      <form class="filters" method="get" action="/staff/compare" aria-label="Filtre">
        {props.schoolChosen ? (
          <ChoiceSelect
            name="against"
            label="Sammenlign med"
            value={filters.against}
            options={[
              { value: 'baseline', label: 'Basismålingen' },
              { value: 'rest-of-municipality', label: 'Skolen mod resten af kommunen' },
            ]}
          />
        ) : null}
        {rest ? null : (
          <ChoiceSelect
            name="baseline"
            label="Basismåling"
            value={filters.baseline}
            options={rounds}
          />
        )}
        <ChoiceSelect
          name="round"
          label={rest ? 'Måling' : 'Opfølgning'}
          value={filters.round}
          options={rounds}
        />
        <SchoolChoice value={filters.school} choices={choices} />
        <ChoiceSelect
          name="by"
          label="Opdel efter"
          value={filters.by}
          all="Ingen opdeling"
          options={[
            { value: 'grade', label: 'Klassetrin' },
            { value: 'gender', label: 'Køn' },
          ]}
        />
        <p class="filter">
          <button type="submit">Vis</button>
        </p>
      </form>
      {props.notice ? (
        <p class="notice">{props.notice}</p>
      ) : (
        <>
          <p class="summary">
            <strong>{props.summary}</strong>
          </p>
          <p class="note">
            En ændring kaldes reel, når den justerede p-værdi (Benjamini–Hochberg over alle mål) er
            under 0,05. Ændringer i andele er i procentpoint. {props.suppressionRule}
          </p>
          {props.chart ? (
            <ChartFigure
              heading={`${props.baselineLabel} og ${props.followUpLabel}, alle mål`}
              chartUrl={props.chart.chartUrl}
              text={props.chart.text}
            />
          ) : null}
          {props.groups.map((g) => (
            <CompareTable
              caption={
                g.label === null
                  ? 'Alle mål'
                  : `Alle mål, ${filters.by ? GROUP_LABEL[filters.by] : ''}: ${g.label}`
              }
              rows={g.rows}
              baselineLabel={props.baselineLabel}
              followUpLabel={props.followUpLabel}
              measureQuery={filterQuery({ round: filters.round, school: filters.school })}
            />
          ))}
        </>
      )}
    </>
  )
}
