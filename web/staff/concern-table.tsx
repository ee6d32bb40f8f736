import type { ConcernGroup } from '../../analysis/charts/concern-chart.ts'
import { CHART_TEXTS } from '../../analysis/charts/chart-texts.ts'
import { formatCount, formatValue, SUPPRESSED } from './figure-text.tsx'

/** The numbers behind the concern chart: each group's pupils and shares at the four levels. */
export function ConcernTable(props: {
  caption: string
  groupHeading: string
  groups: ConcernGroup[]
}) {
  const levels = CHART_TEXTS.da.concernLevels
  return (
    <table class="figures">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.groupHeading}</th>
          <th scope="col">Besvarelser</th>
          {levels.map((level) => (
            <th scope="col">{level}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.groups.map((group) =>
          'suppressed' in group ? (
            <tr>
              <th scope="row">{group.label}</th>
              <td colspan={5}>{SUPPRESSED}</td>
            </tr>
          ) : (
            <tr>
              <th scope="row">{group.label}</th>
              <td>{formatCount(group.n)}</td>
              {group.shares.map((share) => (
                <td>{formatValue(share, 'proportion')}</td>
              ))}
            </tr>
          ),
        )}
      </tbody>
    </table>
  )
}
