import type { AppDeps, StaffPrincipal } from '../app-env.ts'
import { notFound } from '../errors.ts'
import { findRound, type SurveyRound } from './rounds.repository.ts'

/** A round of the staff member's municipality, or 404 (also for other municipalities' rounds). */
export async function roundOf(
  deps: AppDeps,
  staff: StaffPrincipal,
  roundId: string,
): Promise<SurveyRound> {
  const round = await findRound(deps.db, staff.municipalityId, roundId)
  if (!round) throw notFound('Survey round')
  return round
}
