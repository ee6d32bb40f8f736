import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { contentHash } from '../../../server/definitions/definition-files.ts'
import { storeDefinition } from '../../../server/definitions/definitions.loader.ts'
import { compileGenerator, generateResponse } from '../../../server/demo/response-generator.ts'
import { SeededRandom } from '../../../server/demo/seeded-random.ts'
import { rescoreQuestionnaire } from '../../../server/scoring/rescore.ts'
import type { ScoringSpec } from '../../../survey-definitions/scoring-spec.ts'
import { DEFINITIONS_ROOT } from '../../support/databases.ts'
import { createTestWorld, type TestWorld } from '../../support/test-app.ts'

const survey = JSON.parse(
  readFileSync(join(DEFINITIONS_ROOT, 'ssp-7-9', 'questionnaire.json'), 'utf8'),
)
const spec: ScoringSpec = JSON.parse(
  readFileSync(join(DEFINITIONS_ROOT, 'ssp-7-9', 'scoring.json'), 'utf8'),
)

describe('scores of completed responses', () => {
  let world: TestWorld
  let code: string
  beforeEach(async () => {
    world = await createTestWorld()
    code = await world.openRoundA()
  })

  const complete = async (seed: number, options = {}) => {
    const generator = compileGenerator(survey, spec)
    const { answers } = generateResponse(
      generator,
      { grade: 8, risk: 1, support: -1, belonging: 0, wellbeing: -1 },
      new SeededRandom(seed),
      {
        dishonestRate: 0,
        fictitiousDrugRate: 0,
        impossibleRate: 0,
        straightLiningRate: 0,
        tooFastRate: 0,
        ...options,
      },
    )
    const id = randomUUID()
    await world.call('PUT', `/api/responses/${id}`, {
      body: { code, answers: { bg_grade: 8 }, state: 'draft', locale: 'da' },
    })
    world.clock.advance(15 * 60_000)
    const response = await world.call('PUT', `/api/responses/${id}`, {
      body: { code, answers, state: 'complete', locale: 'da' },
    })
    expect(response.status).toBe(200)
    return id
  }
  const scores = (id: string) =>
    world.db.kysely
      .selectFrom('response_scores')
      .selectAll()
      .where('response_id', '=', id)
      .execute()

  it('are stored in long form with the spec version when a response is completed, never for drafts', async () => {
    const draft = randomUUID()
    await world.call('PUT', `/api/responses/${draft}`, {
      body: { code, answers: { bg_grade: 8 }, state: 'draft', locale: 'da' },
    })
    expect(await scores(draft)).toEqual([])
    const id = await complete(1)
    const rows = await scores(id)
    expect(rows.length).toBeGreaterThan(spec.factors.length + spec.indicators.length / 2)
    expect(new Set(rows.map((r) => r.spec_version))).toEqual(new Set([spec.version]))
    expect(rows.find((r) => r.measure === 'concern-level')?.value).toBeGreaterThanOrEqual(1)
    const response = await world.db.kysely
      .selectFrom('responses')
      .select(['quality_flags_json', 'gender', 'flagged'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(response.quality_flags_json)).toEqual([])
    // The response's results cell is kept beside it: its gender answer, and not flagged.
    expect(response.flagged).toBe(0)
    expect(Number(response.gender)).toBe(rows.find((r) => r.measure === 'background.gender')?.value)
  })

  it('flag a dishonest response', async () => {
    const id = await complete(2, { dishonestRate: 1 })
    const response = await world.db.kysely
      .selectFrom('responses')
      .select(['quality_flags_json', 'flagged'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(response.quality_flags_json)).toContain('honesty')
    expect(response.flagged).toBe(1)
  })

  it('are rewritten with the newest spec by one command, and say which spec produced them', async () => {
    const id = await complete(3)
    const factor = spec.factors[0]!
    const before = (await scores(id)).find((r) => r.measure === `factor.${factor.id}.present`)!
    // A recalibrated cut-point that puts everybody beyond it is a new spec version.
    const recalibrated: ScoringSpec = {
      ...spec,
      version: '1.1.0',
      factors: spec.factors.map((f) =>
        f.id === factor.id
          ? { ...f, cutPoint: f.direction === '>=' ? f.scale.min : f.scale.max }
          : f,
      ),
    }
    await storeDefinition(
      world.db.kysely,
      {
        questionnaireId: 'ssp-7-9',
        title: 'v2',
        survey,
        scoringSpec: recalibrated,
        contentHash: contentHash(survey, recalibrated),
      },
      world.clock.now(),
    )
    const result = await rescoreQuestionnaire(world.db.kysely, 'ssp-7-9')
    expect(result).toMatchObject({ specVersion: '1.1.0', responses: 1, skippedVersions: [] })
    const after = (await scores(id)).find((r) => r.measure === `factor.${factor.id}.present`)!
    expect(after.spec_version).toBe('1.1.0')
    expect(after.value).toBe(1)
    expect(before.spec_version).toBe(spec.version)
  })

  it('skips a questionnaire version the newest spec does not fit', async () => {
    await complete(4)
    const broken: ScoringSpec = {
      ...spec,
      version: '2.0.0',
      indicators: [
        ...spec.indicators,
        { ...spec.indicators[0]!, id: 'new-item', item: 'zz_new_item', countedValues: [1] },
      ],
    }
    const newSurvey = {
      ...survey,
      pages: [
        ...survey.pages,
        {
          name: 'page_new',
          elements: [{ type: 'radiogroup', name: 'zz_new_item', choices: [0, 1] }],
        },
      ],
    }
    await storeDefinition(
      world.db.kysely,
      {
        questionnaireId: 'ssp-7-9',
        title: 'v2',
        survey: newSurvey,
        scoringSpec: broken,
        contentHash: contentHash(newSurvey, broken),
      },
      world.clock.now(),
    )
    const result = await rescoreQuestionnaire(world.db.kysely, 'ssp-7-9')
    expect(result.responses).toBe(0)
    expect(result.skippedVersions).toEqual([
      expect.objectContaining({ version: 1, problems: [expect.stringContaining('zz_new_item')] }),
    ])
  })
})
