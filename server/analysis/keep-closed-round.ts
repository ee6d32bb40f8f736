import { measureCatalogue } from '../../analysis/measures/measure-catalogue.ts'
import type { AppDeps } from '../app-env.ts'
import type { SurveyRound } from '../rounds/rounds.repository.ts'
import { definitionOf } from './result-rounds.ts'
import { closedRoundsOf } from './round-cell-sums.repository.ts'
import { sumScoresByCell } from './score-cells.repository.ts'

/**
 * Keeps the result sums of every measure of a round that has just closed, so its first pages,
 * exports and reports read kept sums instead of grouping every score. Run after the close is
 * committed, without the request waiting for it: one measure at a time, giving other requests
 * their turn between measures (better-sqlite3 holds the process while a query runs). Stops when
 * the round is reopened meanwhile. A measure another reader kept first is left as it is.
 *
 * @returns how many measures were looked at (all of them unless the round reopened)
 */
export async function keepClosedRound(deps: AppDeps, round: SurveyRound): Promise<number> {
  const definition = await definitionOf(deps, round)
  const measures = measureCatalogue(definition.scoringSpec).map((m) => m.id)
  let done = 0
  for (const measure of measures) {
    await new Promise((resolve) => setImmediate(resolve))
    if ((await closedRoundsOf(deps.db, [round.id], round.municipalityId)).length === 0) break
    await sumScoresByCell(
      deps.db,
      { measures: [measure], roundIds: [round.id], municipalityId: round.municipalityId },
      { dialect: deps.dialect, now: deps.clock.now() },
    )
    done++
  }
  return done
}
