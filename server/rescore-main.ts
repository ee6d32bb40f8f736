import { fileURLToPath } from 'node:url'
import { bootstrap } from './bootstrap.ts'
import { systemClock } from './clock.ts'
import { ConfigError, loadConfig } from './config.ts'
import { createDb } from './db/create-db.ts'
import { rescoreQuestionnaire } from './scoring/rescore.ts'

/**
 * `npm run rescore -- <questionnaire-id>`: loads the questionnaire files (a changed spec becomes a
 * new version), then re-scores every completed response of that questionnaire with the newest spec.
 */
async function main(): Promise<void> {
  const questionnaireId = process.argv[2] ?? 'ssp-7-9'
  const config = loadConfig(process.env)
  const db = await createDb(config.database)
  try {
    await bootstrap(db.kysely, {
      now: systemClock.now(),
      definitionsRoot: fileURLToPath(new URL('../survey-definitions/', import.meta.url)),
    })
    const result = await rescoreQuestionnaire(db.kysely, questionnaireId, {
      onProgress: (done) => process.stdout.write(`\rre-scored ${done} responses`),
    })
    console.log(
      `\nre-scored ${result.responses} responses of "${questionnaireId}" with scoring spec ${result.specVersion}`,
    )
    for (const skipped of result.skippedVersions) {
      console.log(
        `skipped version ${skipped.version}: the spec does not fit it:\n  ${skipped.problems.join('\n  ')}`,
      )
    }
  } finally {
    await db.close()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error)
  process.exit(1)
})
