import { serve } from '@hono/node-server'
import { fileURLToPath } from 'node:url'
import { createApp } from './app.ts'
import { bootstrap } from './bootstrap.ts'
import { systemClock } from './clock.ts'
import { ConfigError, loadConfig } from './config.ts'
import { createDb } from './db/create-db.ts'
import { DefinitionError } from '../survey-definitions/definition-check.ts'
import { seedDemoIfEmpty } from './demo/demo-seed.ts'
import { keepClosedRound } from './analysis/keep-closed-round.ts'
import { listRounds } from './rounds/rounds.repository.ts'
import { loadWebAssets, MissingAssetsError } from './web-assets/web-assets.ts'

/** The one place that reads the environment, opens the database, migrates and listens. */
async function main(): Promise<void> {
  const config = loadConfig(process.env)
  const demo = process.argv.includes('--demo')
  const db = await createDb(config.database)
  const definitionsRoot = fileURLToPath(new URL('../survey-definitions/', import.meta.url))
  const result = await bootstrap(db.kysely, {
    now: systemClock.now(),
    definitionsRoot,
    admin:
      config.adminEmail && config.adminPassword
        ? {
            email: config.adminEmail,
            password: config.adminPassword,
            municipality: config.adminMunicipality,
          }
        : undefined,
  })
  for (const name of result.migrated) console.log(`migrated: ${name}`)
  for (const { definition, created } of result.definitions) {
    console.log(
      `questionnaire ${definition.questionnaireId} v${definition.version}${created ? ' (new)' : ''} spec ${definition.scoringSpecVersion}`,
    )
  }
  if (result.adminCreated) console.log(`created administrator ${config.adminEmail}`)
  if (demo) {
    const seeded = await seedDemoIfEmpty(db.kysely, {
      now: systemClock.now(),
      publicUrl: config.publicUrl,
      log: console.log,
    })
    // The demo's earlier rounds were seeded closed: keep their sums as closing them would.
    if (seeded) {
      const deps = { db: db.kysely, dialect: db.dialect, clock: systemClock, config }
      for (const round of await listRounds(db.kysely, seeded.municipalityId)) {
        if (round.state === 'closed') await keepClosedRound(deps, round)
      }
    }
  }

  const webAssets = loadWebAssets(fileURLToPath(new URL('../web/dist/', import.meta.url)))
  const app = createApp({
    db: db.kysely,
    dialect: db.dialect,
    clock: systemClock,
    config,
    webAssets,
  })
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`Trivselsradar listening on http://${info.address}:${info.port} (${db.dialect})`)
  })
  const shutdown = (signal: string) => {
    console.log(`${signal}: finishing open requests`)
    server.close(() => {
      void db.close().then(() => process.exit(0))
    })
    setTimeout(() => process.exit(1), 10_000).unref()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof DefinitionError ||
    error instanceof MissingAssetsError
  ) {
    console.error(error.message)
  } else {
    console.error('Start-up failed:', error)
  }
  process.exit(1)
})
