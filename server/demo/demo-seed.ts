import type { Kysely } from 'kysely'
import { measureValues, scoreResponse } from '../../analysis/scoring/score-response.ts'
import type { ScoringSpec } from '../../survey-definitions/scoring-spec.ts'
import { hashPassword } from '../auth/password.ts'
import { formatClassCode } from '../class-codes/class-code.ts'
import { ensureClassCodes, listClassCodes } from '../class-codes/class-codes.repository.ts'
import type { Database } from '../db/schema.ts'
import { findDefinition, latestDefinition } from '../definitions/definitions.repository.ts'
import {
  countMunicipalities,
  insertMunicipality,
} from '../municipalities/municipalities.repository.ts'
import { insertRound } from '../rounds/rounds.repository.ts'
import { pageItemsOf } from '../scoring/questionnaire-layout.ts'
import { schoolYearOf } from '../school-year.ts'
import { insertSchool } from '../schools/schools.repository.ts'
import { insertStaffUser } from '../staff-users/staff-users.repository.ts'
import {
  DEMO_SCHOOL_NAMES,
  generateDemoDataset,
  IMPROVING_SCHOOL,
  type DemoYear,
} from './demo-dataset.ts'

export const DEMO_MUNICIPALITY = 'Demo Kommune'
export const DEMO_QUESTIONNAIRE = 'ssp-7-9'

/** Demo sign-ins, printed at start. Demo only: a real deployment creates its own users. */
export const DEMO_USERS = [
  {
    email: 'admin@demo.trivselsradar.dk',
    password: 'demo-admin-2026',
    role: 'admin',
    displayName: 'Demo administrator',
  },
  {
    email: 'analytiker@demo.trivselsradar.dk',
    password: 'demo-analytiker-2026',
    role: 'analyst',
    displayName: 'Demo SSP-konsulent',
  },
  {
    email: 'skole@demo.trivselsradar.dk',
    password: 'demo-skole-2026',
    role: 'school',
    displayName: `Demo skoleleder, ${IMPROVING_SCHOOL}`,
  },
] as const

const DAY_MS = 86_400_000
const isoDate = (date: Date): string => date.toISOString().slice(0, 10)
const shiftYear = (schoolYear: string, by: number): string => {
  const first = Number(schoolYear.slice(0, 4)) + by
  return `${first}/${String((first + 1) % 100).padStart(2, '0')}`
}

export interface SeedSummary {
  municipalityId: string
  rounds: number
  responses: number
  openRoundId: string
}

/**
 * Seeds the demo municipality when the database has no municipality at all: ten schools, classes
 * in grades 7–9, three closed yearly rounds with synthetic responses and one open round with
 * class codes. Returns undefined when there was something already.
 */
export async function seedDemoIfEmpty(
  db: Kysely<Database>,
  options: { now: Date; publicUrl: string; log: (line: string) => void },
): Promise<SeedSummary | undefined> {
  if ((await countMunicipalities(db)) > 0) return undefined
  const summary = await seedDemo(db, options.now)
  await printDemoAccess(db, summary, options)
  return summary
}

export async function seedDemo(db: Kysely<Database>, now: Date): Promise<SeedSummary> {
  const latest = await latestDefinition(db, DEMO_QUESTIONNAIRE)
  const definition = latest && (await findDefinition(db, latest.id))
  if (!definition)
    throw new Error(
      `questionnaire "${DEMO_QUESTIONNAIRE}" must be loaded before the demo is seeded`,
    )

  const currentYear = schoolYearOf(now)
  const pastYears = [-3, -2, -1].map((by) => shiftYear(currentYear, by))
  const years = generateDemoDataset(definition.survey, definition.scoringSpec, {
    schoolYears: [...pastYears, currentYear],
    classesStartedShare: [1, 1, 1, 0.35],
  })
  const scoring = { spec: definition.scoringSpec, pageItems: pageItemsOf(definition.survey) }
  const passwordHashes = await Promise.all(DEMO_USERS.map((user) => hashPassword(user.password)))

  return db.transaction().execute(async (trx) => {
    const municipality = await insertMunicipality(trx, DEMO_MUNICIPALITY, now)
    const schools = []
    for (const name of DEMO_SCHOOL_NAMES)
      schools.push(await insertSchool(trx, municipality.id, name, now))
    const improving = schools.find((s) => s.name === IMPROVING_SCHOOL)
    for (const [index, user] of DEMO_USERS.entries()) {
      await insertStaffUser(
        trx,
        {
          email: user.email,
          displayName: user.displayName,
          passwordHash: passwordHashes[index] as string,
          role: user.role,
          municipalityId: municipality.id,
          schoolId: user.role === 'school' ? (improving?.id ?? null) : null,
        },
        now,
      )
    }

    let responses = 0
    let openRoundId = ''
    for (const [index, year] of years.entries()) {
      const isCurrent = index === years.length - 1
      const firstYear = Number(year.schoolYear.slice(0, 4))
      const opensAt = isCurrent
        ? new Date(now.getTime() - 3 * DAY_MS)
        : new Date(Date.UTC(firstYear + 1, 1, 1, 7))
      const closesAt = isCurrent
        ? new Date(now.getTime() + 45 * DAY_MS)
        : new Date(Date.UTC(firstYear + 1, 2, 15, 16))
      const round = await insertRound(
        trx,
        {
          municipalityId: municipality.id,
          definitionId: definition.id,
          name: `SSP-undersøgelsen ${year.schoolYear}`,
          schoolYear: year.schoolYear,
          waveLabel: null,
          opensAt: opensAt.toISOString(),
          closesAt: closesAt.toISOString(),
        },
        now,
        isCurrent ? 'open' : 'closed',
      )
      await insertClasses(
        trx,
        year,
        schools.map((s) => s.id),
        now,
      )
      responses += await insertResponses(trx, year, {
        roundId: round.id,
        definitionId: definition.id,
        schoolIds: schools.map((s) => s.id),
        opensAt,
        maxDays: isCurrent ? 3 : 30,
        now,
        scoring,
      })
      if (isCurrent) {
        openRoundId = round.id
        await ensureClassCodes(
          trx,
          round.id,
          year.classes.map((c) => c.id),
          now,
        )
      }
    }
    return { municipalityId: municipality.id, rounds: years.length, responses, openRoundId }
  })
}

async function insertClasses(
  db: Kysely<Database>,
  year: DemoYear,
  schoolIds: string[],
  now: Date,
): Promise<void> {
  await db
    .insertInto('classes')
    .values(
      year.classes.map((c) => ({
        id: c.id,
        school_id: schoolIds[c.schoolIndex] as string,
        school_year: year.schoolYear,
        grade: c.grade,
        label: c.label,
        expected_pupils: c.expectedPupils,
        created_at: now.toISOString(),
      })),
    )
    .execute()
}

async function insertResponses(
  db: Kysely<Database>,
  year: DemoYear,
  round: {
    roundId: string
    definitionId: string
    schoolIds: string[]
    opensAt: Date
    maxDays: number
    now: Date
    scoring: { spec: ScoringSpec; pageItems: Map<string, string[]> }
  },
): Promise<number> {
  const scoreRows: Array<{
    response_id: string
    measure: string
    value: number
    spec_version: string
  }> = []
  const rows = year.responses.map((r) => {
    const day = isoDate(new Date(round.opensAt.getTime() + (r.dayOffset % round.maxDays) * DAY_MS))
    // An unfinished response keeps what the pupil answered before leaving: the first pages.
    const answers = r.complete
      ? r.answers
      : Object.fromEntries(
          Object.entries(r.answers).slice(0, Math.ceil(Object.keys(r.answers).length / 3)),
        )
    // Completed responses are scored as the pupil API scores them on submission.
    const scores = r.complete
      ? scoreResponse(round.scoring.spec, answers, {
          pageItems: round.scoring.pageItems,
          completionSeconds: r.completionSeconds,
        })
      : undefined
    for (const row of scores ? measureValues(scores) : []) {
      scoreRows.push({
        response_id: r.id,
        measure: row.measure,
        value: row.value,
        spec_version: round.scoring.spec.version,
      })
    }
    return {
      id: r.id,
      round_id: round.roundId,
      class_id: r.classId,
      school_id: round.schoolIds[r.schoolIndex] as string,
      grade: r.grade,
      definition_id: round.definitionId,
      state: r.complete ? ('complete' as const) : ('draft' as const),
      answers_json: JSON.stringify(answers),
      locale: 'da',
      started_on: day,
      submitted_on: r.complete ? day : null,
      draft_started_at: null,
      completion_seconds: r.complete ? r.completionSeconds : null,
      quality_flags_json: JSON.stringify(scores?.flags ?? []),
      gender: scores?.background.gender ?? null,
      flagged: (scores?.flags.length ?? 0) > 0 ? 1 : 0,
      updated_at: round.now.toISOString(),
    }
  })
  for (let start = 0; start < rows.length; start += 500) {
    await db
      .insertInto('responses')
      .values(rows.slice(start, start + 500))
      .execute()
  }
  for (let start = 0; start < scoreRows.length; start += 2000) {
    await db
      .insertInto('response_scores')
      .values(scoreRows.slice(start, start + 2000))
      .execute()
  }
  return rows.length
}

async function printDemoAccess(
  db: Kysely<Database>,
  summary: SeedSummary,
  options: { publicUrl: string; log: (line: string) => void },
): Promise<void> {
  const { log } = options
  log('')
  log(
    `Demo data: "${DEMO_MUNICIPALITY}", ${summary.rounds} survey rounds, ${summary.responses} responses.`,
  )
  log('Staff sign-in (demo only):')
  for (const user of DEMO_USERS)
    log(`  ${user.role.padEnd(8)} ${user.email}  password: ${user.password}`)
  const codes = await listClassCodes(db, summary.municipalityId, summary.openRoundId, {
    includeRevoked: false,
  })
  log(`Class codes of the open round (pupils go to ${options.publicUrl}/):`)
  for (const code of codes.slice(0, 12)) {
    log(
      `  ${code.schoolName.padEnd(20)} ${code.classLabel.padEnd(5)} ${formatClassCode(code.code)}`,
    )
  }
  if (codes.length > 12)
    log(`  … and ${codes.length - 12} more: sign in as admin and open the code sheet.`)
  log('')
}
