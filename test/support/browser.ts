import { serve, type ServerType } from '@hono/node-server'
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import type { App } from '../../server/app.ts'

/** Debian's Chromium; a test tool's own browser download cannot work on these machines. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * Whether a browser is available. Locally a missing Chromium skips the browser tests with the
 * reason printed; in CI (CI=true) it is an error, so nothing passes untested.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true
  const reason = `Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`
  if (process.env.CI === 'true') throw new Error(`${reason}; required in CI`)
  console.warn(`Skipping browser tests: ${reason}`)
  return false
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // Flags that keep Chromium from calling home on a closed network.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** Serves the app on a free local port; returns its base URL and a stop function. */
export async function serveApp(app: App): Promise<{ url: string; close: () => Promise<void> }> {
  let server: ServerType | undefined
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve(info.port),
    )
  })
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server?.close(() => resolve())),
  }
}
