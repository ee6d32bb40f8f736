import type { ItemDistribution } from '../../server/analysis/answer-distribution.ts'
import { AnswerDistributions } from './answer-distribution.tsx'
import { ChartFigure, type ChartText } from './chart-figure.tsx'
import { FigureTable } from './figure-table.tsx'
import { FilterForm, filterQuery, type FilterChoices, type Filters } from './filter-form.tsx'
import type { ResultRow, Scale } from './figure-text.tsx'

export interface MeasurePageProps {
  measureId: string
  label: string
  definition: string
  scale: Scale
  roundLabel: string
  filters: Filters
  choices: FilterChoices
  suppressionRule: string
  trend: { chartUrl: string; text: ChartText | undefined; rows: ResultRow[] }
  schools: { chartUrl: string; text: ChartText | undefined; rows: ResultRow[] }
  byGrade: ResultRow[]
  byGender: ResultRow[]
  /** The questions behind the measure and the chosen group's answers; null when it is hidden. */
  answers: ItemDistribution[] | null
  /** The chosen group in words, e.g. "eleverne i 8. klasse på Havneskolen". */
  groupLabel: string
  /** The aggregate export of this view without its format, e.g. `/api/exports/aggregate?…`. */
  exportUrl: string
}

const EXPORTS = [
  { format: 'csv-excel', text: 'Excel (CSV med semikolon)' },
  { format: 'xlsx', text: 'Excel (XLSX)' },
  { format: 'csv', text: 'CSV med komma (R, SPSS, Stata)' },
] as const

/** One measure: its exact definition, its trend, schools side by side, grades and genders. */
export function MeasurePage(props: MeasurePageProps) {
  const { scale } = props
  return (
    <>
      <p>
        <a href={`/staff/overview${filterQuery(props.filters)}`}>Tilbage til overblikket</a>
      </p>
      <h1>{props.label}</h1>
      <p class="definition">
        <strong>Definition:</strong> {props.definition}
      </p>
      <FilterForm
        action={`/staff/measures/${encodeURIComponent(props.measureId)}`}
        filters={props.filters}
        choices={props.choices}
      />
      <p class="note">{props.suppressionRule}</p>
      <section aria-labelledby="trend-title">
        <h2 id="trend-title">Udvikling over tid</h2>
        <ChartFigure heading={props.label} chartUrl={props.trend.chartUrl} text={props.trend.text}>
          <FigureTable
            caption="Pr. skoleår"
            dimension="round"
            rows={props.trend.rows}
            scale={scale}
          />
        </ChartFigure>
      </section>
      <section aria-labelledby="schools-title">
        <h2 id="schools-title">Skolerne side om side, {props.roundLabel}</h2>
        <ChartFigure
          heading={props.label}
          chartUrl={props.schools.chartUrl}
          text={props.schools.text}
        >
          <FigureTable
            caption="Pr. skole"
            dimension="school"
            rows={props.schools.rows}
            scale={scale}
          />
        </ChartFigure>
      </section>
      <section aria-labelledby="groups-title">
        <h2 id="groups-title">Klassetrin og køn, {props.roundLabel}</h2>
        <FigureTable
          caption="Pr. klassetrin"
          dimension="grade"
          rows={props.byGrade}
          scale={scale}
        />
        <FigureTable caption="Pr. køn" dimension="gender" rows={props.byGender} scale={scale} />
      </section>
      <section aria-labelledby="answers-title">
        <h2 id="answers-title">Spørgsmålene bag og svarene, {props.roundLabel}</h2>
        <AnswerDistributions items={props.answers} group={props.groupLabel} />
      </section>
      <section aria-labelledby="exports-title">
        <h2 id="exports-title">Hent tallene</h2>
        <p>Skolerne side om side med n, intervaller og noter om tallene:</p>
        <ul class="exports">
          {EXPORTS.map((e) => (
            <li>
              <a href={`${props.exportUrl}&format=${e.format}`} download>
                {e.text}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </>
  )
}
