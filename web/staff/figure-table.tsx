import {
  FigureText,
  formatCount,
  formatValue,
  rowValue,
  type ResultRow,
  type Scale,
} from './figure-text.tsx'

type Dimension = 'round' | 'school' | 'grade' | 'gender'

const headings: Record<Dimension, string> = {
  round: 'Skoleår',
  school: 'Skole',
  grade: 'Klassetrin',
  gender: 'Køn',
}

/** The numbers behind a chart or a breakdown: value, answers and 95 % interval per group. */
export function FigureTable(props: {
  caption: string
  dimension: Dimension
  rows: ResultRow[]
  scale: Scale
}) {
  return (
    <table class="figures">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{headings[props.dimension]}</th>
          <th scope="col">{props.scale === 'proportion' ? 'Andel' : 'Gennemsnit'}</th>
          <th scope="col">Besvarelser</th>
          <th scope="col">95 %-interval</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => {
          const shown = rowValue(row)
          const figure = row.status === 'shown' ? row.figure : undefined
          const interval =
            figure &&
            figure.kind !== 'insufficient' &&
            figure.lower !== null &&
            figure.upper !== null
              ? `${formatValue(figure.lower, props.scale)} – ${formatValue(figure.upper, props.scale)}`
              : '–'
          return (
            <tr>
              <th scope="row">{row.group[props.dimension]?.label ?? ''}</th>
              <td>
                <FigureText row={row} scale={props.scale} />
              </td>
              <td>{shown ? formatCount(shown.n) : '–'}</td>
              <td>{shown ? interval : '–'}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
