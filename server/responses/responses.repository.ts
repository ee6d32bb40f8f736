import type { Kysely } from 'kysely'
import type { Database, ResponseState } from '../db/schema.ts'
import { isUniqueViolation } from '../db/unique-violation.ts'
import { canonicalJson } from '../definitions/definition-files.ts'
import {
  insertScoreRows,
  scoredResponse,
  storeScores,
  type ScoringContext,
} from '../scoring/response-scores.repository.ts'

export interface ResponseToSave {
  id: string
  roundId: string
  classId: string
  schoolId: string
  grade: number
  definitionId: string
  state: ResponseState
  answers: Record<string, unknown>
  locale: string
}

export type SaveOutcome =
  | { kind: 'created' | 'updated' | 'unchanged'; state: ResponseState }
  /** The id is taken by a response of another class or round. */
  | { kind: 'foreign' }
  /** The response was completed earlier and this request would change it. */
  | { kind: 'already-complete' }

const isoDate = (date: Date): string => date.toISOString().slice(0, 10)

/**
 * Saves a pupil's response by its client-generated id, in one transaction: the first save
 * creates it, later drafts replace the answers, completion freezes it. Repeating a request
 * changes nothing; a completed response is never changed or reopened. Two concurrent first
 * saves of one id end as one row (the loser retries and sees the winner's row).
 */
export async function saveResponse(
  db: Kysely<Database>,
  input: ResponseToSave,
  now: Date,
  scoring?: ScoringContext,
): Promise<SaveOutcome> {
  const answersJson = JSON.stringify(input.answers)
  const canonical = canonicalJson(input.answers)
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx): Promise<SaveOutcome> => {
        const existing = await trx
          .selectFrom('responses')
          .select(['round_id', 'class_id', 'state', 'answers_json', 'locale', 'draft_started_at'])
          .where('id', '=', input.id)
          .executeTakeFirst()
        if (existing === undefined) {
          const complete = input.state === 'complete'
          // Completed in its first request: scored before the insert, so the response row is
          // written once with its cell and flags, and its scores need no earlier ones removed.
          const scored =
            complete && scoring ? scoredResponse(input.id, input.answers, null, scoring) : undefined
          await trx
            .insertInto('responses')
            .values({
              id: input.id,
              round_id: input.roundId,
              class_id: input.classId,
              school_id: input.schoolId,
              grade: input.grade,
              definition_id: input.definitionId,
              state: input.state,
              answers_json: answersJson,
              locale: input.locale,
              started_on: isoDate(now),
              submitted_on: complete ? isoDate(now) : null,
              draft_started_at: complete ? null : now.toISOString(),
              completion_seconds: null,
              quality_flags_json: '[]',
              updated_at: now.toISOString(),
              ...scored?.columns,
            })
            .execute()
          if (scored) await insertScoreRows(trx, scored.rows)
          return { kind: 'created', state: input.state }
        }
        if (existing.round_id !== input.roundId || existing.class_id !== input.classId) {
          return { kind: 'foreign' }
        }
        const sameAnswers = canonicalJson(JSON.parse(existing.answers_json)) === canonical
        if (existing.state === 'complete') {
          return sameAnswers && input.state === 'complete'
            ? { kind: 'unchanged', state: 'complete' }
            : { kind: 'already-complete' }
        }
        if (sameAnswers && input.state === 'draft' && existing.locale === input.locale) {
          return { kind: 'unchanged', state: 'draft' }
        }
        const completing = input.state === 'complete'
        const started = existing.draft_started_at ? Date.parse(existing.draft_started_at) : NaN
        const completionSeconds = Number.isNaN(started)
          ? null
          : Math.max(0, Math.round((now.getTime() - started) / 1000))
        const result = await trx
          .updateTable('responses')
          .set({
            state: input.state,
            answers_json: answersJson,
            locale: input.locale,
            updated_at: now.toISOString(),
            ...(completing
              ? {
                  submitted_on: isoDate(now),
                  // Only the duration is kept; the exact start time is dropped on completion.
                  completion_seconds: completionSeconds,
                  draft_started_at: null,
                }
              : {}),
          })
          .where('id', '=', input.id)
          .where('state', '=', 'draft')
          .executeTakeFirst()
        if (Number(result.numUpdatedRows) !== 1) throw new ConcurrentCompletion()
        if (completing && scoring) {
          await storeScores(trx, input.id, input.answers, completionSeconds, scoring)
        }
        return { kind: 'updated', state: input.state }
      })
    } catch (error) {
      if (attempt < 3 && (isUniqueViolation(error) || error instanceof ConcurrentCompletion))
        continue
      throw error
    }
  }
}

/** Another request completed the response between our read and our write; read again. */
class ConcurrentCompletion extends Error {}

export interface ClassProgress {
  classId: string
  schoolId: string
  schoolName: string
  classLabel: string
  grade: number
  expectedPupils: number
  started: number
  completed: number
}

/**
 * Started (draft or complete) and completed responses per class of a round, with every class
 * that has a code in the round (also those nobody has started yet) or has responses in it.
 */
export async function roundProgress(
  db: Kysely<Database>,
  roundId: string,
  schoolId?: string,
): Promise<ClassProgress[]> {
  let query = db
    .selectFrom('classes')
    .innerJoin('schools', 'schools.id', 'classes.school_id')
    .leftJoin('responses', (join) =>
      join.onRef('responses.class_id', '=', 'classes.id').on('responses.round_id', '=', roundId),
    )
    .select((eb) => [
      'classes.id as class_id',
      'classes.label',
      'classes.grade',
      'classes.expected_pupils',
      'schools.id as school_id',
      'schools.name as school_name',
      eb.fn.count<number>('responses.id').as('started'),
      eb.fn
        .sum<number>(eb.case().when('responses.state', '=', 'complete').then(1).else(0).end())
        .as('completed'),
    ])
    // Classes given a code, and classes that answered without one (earlier years' rounds
    // imported, or codes since revoked).
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('class_codes')
            .select('class_codes.code')
            .whereRef('class_codes.class_id', '=', 'classes.id')
            .where('class_codes.round_id', '=', roundId),
        ),
        eb.exists(
          eb
            .selectFrom('responses as answered')
            .select('answered.id')
            .whereRef('answered.class_id', '=', 'classes.id')
            .where('answered.round_id', '=', roundId),
        ),
      ]),
    )
    .groupBy([
      'classes.id',
      'classes.label',
      'classes.grade',
      'classes.expected_pupils',
      'schools.id',
      'schools.name',
    ])
    .orderBy('schools.name')
    .orderBy('classes.grade')
    .orderBy('classes.label')
  if (schoolId) query = query.where('schools.id', '=', schoolId)
  const rows = await query.execute()
  return rows.map((row) => ({
    classId: row.class_id,
    schoolId: row.school_id,
    schoolName: row.school_name,
    classLabel: row.label,
    grade: Number(row.grade),
    expectedPupils: Number(row.expected_pupils),
    started: Number(row.started),
    completed: Number(row.completed ?? 0),
  }))
}
