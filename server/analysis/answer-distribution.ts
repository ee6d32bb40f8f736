import { sql } from 'kysely'
import type { Selection } from '../../analysis/aggregation/released-round.ts'
import type { AppDeps } from '../app-env.ts'
import { questionnaireItems } from '../definitions/questionnaire-items.ts'
import type { QuestionnaireDefinition } from '../definitions/definitions.repository.ts'

/** How one group answered one item: each answer's count and share, or suppressed. */
export interface ItemDistribution {
  item: string
  wording: string
  distribution:
    | {
        status: 'shown'
        /** Pupils in the group who answered the item. */
        n: number
        answers: Array<{ value: number; label: string; count: number; share: number }>
      }
    | { status: 'suppressed' }
}

/** Item names are identifiers; anything else is never put into a JSON path. */
const ITEM_NAME = /^[A-Za-z0-9_-]{1,80}$/

/**
 * The answers behind a measure, for one group of one round: each item's wording and how the
 * group's pupils answered it (completed responses not flagged as invalid). Call it only for a
 * group whose figure of the measure is shown; an item answered by fewer than k pupils of the
 * group is suppressed as well, since its shares would be about a smaller group.
 */
export async function answerDistributions(
  deps: Pick<AppDeps, 'db' | 'dialect' | 'config'>,
  roundId: string,
  definition: QuestionnaireDefinition,
  items: readonly string[],
  selection: Selection,
): Promise<ItemDistribution[]> {
  const known = new Map(questionnaireItems(definition).map((item) => [item.name, item]))
  const result: ItemDistribution[] = []
  for (const name of items) {
    const item = known.get(name)
    if (!item || !ITEM_NAME.test(name)) continue
    const answer =
      deps.dialect === 'postgres'
        ? sql<string>`(r.answers_json::jsonb ->> ${name})`
        : sql<string>`json_extract(r.answers_json, ${`$."${name}"`})`
    let query = deps.db
      .selectFrom('responses as r')
      .innerJoin('classes as cl', 'cl.id', 'r.class_id')
      .select((eb) => [answer.as('value'), eb.fn.countAll<number>().as('count')])
      .where('r.round_id', '=', roundId)
      .where('r.state', '=', 'complete')
      .where('r.flagged', '=', 0)
      // By position: PostgreSQL would not see two parameters of the same item as one expression.
      .groupBy(sql`1`)
    if (selection.school) query = query.where('r.school_id', '=', selection.school)
    if (selection.grade) query = query.where('cl.grade', '=', Number(selection.grade))
    if (selection.gender === 'unknown') query = query.where('r.gender', 'is', null)
    else if (selection.gender) query = query.where('r.gender', '=', Number(selection.gender))
    const rows = (await query.execute()).filter((r) => r.value !== null)
    const counts = new Map(rows.map((r) => [Number(r.value), Number(r.count)]))
    const n = [...counts.values()].reduce((sum, count) => sum + count, 0)
    result.push({
      item: name,
      wording: item.wording,
      distribution:
        n < deps.config.minGroupSize
          ? { status: 'suppressed' }
          : {
              status: 'shown',
              n,
              answers: item.values.map(({ value, label }) => ({
                value,
                label,
                count: counts.get(value) ?? 0,
                share: (counts.get(value) ?? 0) / n,
              })),
            },
    })
  }
  return result
}
