import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
// One process (node with tsx as a loader), so SIGKILL hits the server itself.
import { afterEach, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}

interface Started {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

function start(args: string[], env: Record<string, string>): Started {
  let output = ''
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk) => (output += String(chunk)))
  child.stderr?.on('data', (chunk) => (output += String(chunk)))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => output, exited }
}

async function waitForHealth(url: string, started: Started, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null)
      throw new Error(`server exited early:\n${started.output()}`)
    try {
      return await fetch(url)
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  throw new Error(`server did not answer within ${timeoutMs} ms:\n${started.output()}`)
}

describe('the real server process', () => {
  const children: ChildProcess[] = []
  afterEach(() => {
    for (const child of children) child.kill('SIGKILL')
    children.length = 0
  })

  it('starts on a free port with demo data, answers /healthz and lets a demo user sign in', async () => {
    const port = await freePort()
    const dir = mkdtempSync(join(tmpdir(), 'trivselsradar-'))
    const started = start(['--demo'], { PORT: String(port), DATABASE_URL: join(dir, 'demo.db') })
    children.push(started.child)
    const health = await waitForHealth(`http://127.0.0.1:${port}/healthz`, started, 90_000)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ status: 'ok', database: 'sqlite' })
    expect(started.output()).toMatch(/admin@demo\.trivselsradar\.dk\s+password: /)
    expect(started.output()).toMatch(
      /[2-9A-HJKMNP-TV-Z]{3}-[2-9A-HJKMNP-TV-Z]{3}-[2-9A-HJKMNP-TV-Z]{3}/,
    )

    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'analytiker@demo.trivselsradar.dk',
        password: 'demo-analytiker-2026',
      }),
    })
    expect(login.status).toBe(200)
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const rounds = await (
      await fetch(`http://127.0.0.1:${port}/api/rounds`, { headers: { cookie } })
    ).json()
    expect(rounds.rounds.map((r: { state: string }) => r.state)).toEqual([
      'open',
      'closed',
      'closed',
      'closed',
    ])

    started.child.kill('SIGTERM')
    expect(await started.exited).toBe(0)
  }, 120_000)

  it('stops at once with a clear message when the configuration is invalid', async () => {
    const started = start([], { PORT: 'seventy', MIN_GROUP_SIZE: '0' })
    children.push(started.child)
    expect(await started.exited).toBe(1)
    expect(started.output()).toMatch(/Invalid configuration:\n\s+PORT: .*\n\s+MIN_GROUP_SIZE: /)
  }, 60_000)
})
