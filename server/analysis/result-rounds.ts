import type { AppDeps, StaffPrincipal } from '../app-env.ts'
import {
  findDefinition,
  type QuestionnaireDefinition,
} from '../definitions/definitions.repository.ts'
import { AppError } from '../errors.ts'
import { roundOf } from '../rounds/round-access.ts'
import { listRounds, type SurveyRound } from '../rounds/rounds.repository.ts'
import { schoolScope } from '../scope.ts'
import type { Selection } from '../../analysis/aggregation/released-round.ts'

/** Rounds with results: open or closed (a draft round has no responses). */
async function roundsWithResults(deps: AppDeps, municipalityId: string): Promise<SurveyRound[]> {
  return (await listRounds(deps.db, municipalityId))
    .filter((r) => r.state !== 'draft')
    .sort((a, b) => a.opensAt.localeCompare(b.opensAt))
}

/**
 * The rounds a result covers, oldest first: the ones asked for, else every round with results
 * (for a trend), else the newest one.
 */
export async function resultRounds(
  deps: AppDeps,
  staff: StaffPrincipal,
  asked: readonly string[] | undefined,
  everyRound: boolean,
): Promise<SurveyRound[]> {
  if (asked?.length) {
    const rounds = await Promise.all(asked.map((id) => roundOf(deps, staff, id)))
    return rounds.sort((a, b) => a.opensAt.localeCompare(b.opensAt))
  }
  const rounds = await roundsWithResults(deps, staff.municipalityId)
  if (rounds.length === 0) {
    throw new AppError(
      404,
      'not_found',
      'There is no open or closed survey round with results yet.',
    )
  }
  return everyRound ? rounds : rounds.slice(-1)
}

/** The ordinary round of the school year before this round's, if there is one. */
export async function previousYearRound(
  deps: AppDeps,
  staff: StaffPrincipal,
  round: SurveyRound,
): Promise<SurveyRound | undefined> {
  const start = Number(round.schoolYear.slice(0, 4))
  const previous = `${start - 1}/${String(start % 100).padStart(2, '0')}`
  return (await roundsWithResults(deps, staff.municipalityId))
    .filter((r) => r.schoolYear === previous && r.waveLabel === null)
    .at(-1)
}

export async function definitionOf(
  deps: AppDeps,
  round: SurveyRound,
): Promise<QuestionnaireDefinition> {
  const definition = await findDefinition(deps.db, round.definitionId)
  if (!definition) throw new Error(`round ${round.id} names a missing questionnaire version`)
  return definition
}

/** The school a result is limited to: a school user's own, or the one asked for (404 if not theirs). */
export function resultSchool(staff: StaffPrincipal, asked: string | undefined): string | undefined {
  const own = schoolScope(staff)
  if (own && asked && asked !== own) throw new AppError(404, 'not_found', 'School was not found')
  return own ?? asked
}

/** The group filters of a request, with a school user held to their own school. */
export function selectionOf(
  staff: StaffPrincipal,
  query: { school?: string | undefined; grade?: string | undefined; gender?: string | undefined },
): Selection {
  const school = resultSchool(staff, query.school)
  return {
    ...(school ? { school } : {}),
    ...(query.grade ? { grade: query.grade } : {}),
    ...(query.gender ? { gender: query.gender } : {}),
  }
}

/** The same groups across the whole municipality: the selection without its school. */
export function withoutSchool(selection: Selection): Omit<Selection, 'school'> {
  return Object.fromEntries(Object.entries(selection).filter(([d]) => d !== 'school'))
}
