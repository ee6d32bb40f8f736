import type { ItemDistribution } from '../../server/analysis/answer-distribution.ts'
import { formatCount, formatValue, SUPPRESSED } from './figure-text.tsx'

/**
 * The questions behind a measure: each item's wording and how the chosen group answered it, as
 * shares of the pupils who answered; an item of a group too small to show says so instead.
 */
export function AnswerDistributions(props: { items: ItemDistribution[] | null; group: string }) {
  if (props.items === null) {
    return <p>Svarfordelingen vises ikke, fordi gruppen har for få besvarelser.</p>
  }
  return (
    <>
      {props.items.map((item) => (
        <table class="figures answers">
          <caption>
            {item.wording} <span class="item-name">({item.item})</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">Svar</th>
              <th scope="col">Andel af {props.group}</th>
            </tr>
          </thead>
          <tbody>
            {item.distribution.status === 'shown' ? (
              item.distribution.answers.map((answer) => (
                <tr>
                  <th scope="row">{answer.label}</th>
                  <td>{formatValue(answer.share, 'proportion')}</td>
                </tr>
              ))
            ) : (
              <tr>
                <td colspan={2}>{SUPPRESSED}</td>
              </tr>
            )}
          </tbody>
          {item.distribution.status === 'shown' ? (
            <tfoot>
              <tr>
                <th scope="row">Besvarelser</th>
                <td>{formatCount(item.distribution.n)}</td>
              </tr>
            </tfoot>
          ) : null}
        </table>
      ))}
    </>
  )
}
