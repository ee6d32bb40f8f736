import SQLite from 'better-sqlite3'
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
// One process (node with tsx as a loader), so SIGKILL hits the server itself.
import { afterEach, describe, expect, it } from 'vitest'
import { compileGenerator, generateResponse } from '../../server/demo/response-generator.ts'
import { SeededRandom } from '../../server/demo/seeded-random.ts'
import { DEFINITIONS_ROOT } from '../support/databases.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))
const survey = JSON.parse(
  readFileSync(join(DEFINITIONS_ROOT, 'ssp-7-9', 'questionnaire.json'), 'utf8'),
)
const spec = JSON.parse(readFileSync(join(DEFINITIONS_ROOT, 'ssp-7-9', 'scoring.json'), 'utf8'))

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

function startServer(
  port: number,
  database: string,
): { child: ChildProcess; output: () => string; ready: Promise<void> } {
  let output = ''
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--demo'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATABASE_URL: database },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      output += String(chunk)
      if (output.includes('listening on')) resolve()
    })
    child.stderr?.on('data', (chunk) => (output += String(chunk)))
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)))
  })
  return { child, output: () => output, ready }
}

describe('a server killed with SIGKILL under load', () => {
  const children: ChildProcess[] = []
  afterEach(() => {
    for (const child of children) child.kill('SIGKILL')
  })

  it('keeps every response it acknowledged, exactly once', async () => {
    const port = await freePort()
    const database = join(mkdtempSync(join(tmpdir(), 'durability-')), 'kill.db')
    const first = startServer(port, database)
    children.push(first.child)
    await first.ready
    const codes = [
      ...first
        .output()
        .matchAll(/\b([2-9A-HJKMNP-TV-Z]{3}-[2-9A-HJKMNP-TV-Z]{3}-[2-9A-HJKMNP-TV-Z]{3})\b/g),
    ].map((m) => m[1]!)
    expect(codes.length).toBeGreaterThan(5)

    const generator = compileGenerator(survey, spec)
    const rng = new SeededRandom(99)
    const acknowledged: string[] = []
    let killed = false
    // Thirty pupils at a time, each sending a complete response, until the process is killed.
    const pupil = async (index: number): Promise<void> => {
      for (let n = 0; !killed; n++) {
        const id = randomUUID()
        const grade = 8
        const { answers } = generateResponse(
          generator,
          {
            grade,
            risk: rng.normal(),
            support: rng.normal(),
            belonging: 0,
            wellbeing: rng.normal(),
          },
          rng,
        )
        try {
          const response = await fetch(`http://127.0.0.1:${port}/api/responses/${id}`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              code: codes[(index + n) % codes.length],
              answers,
              state: 'complete',
              locale: 'da',
            }),
          })
          if (response.status === 201) acknowledged.push(id)
          else if (!killed)
            throw new Error(`unexpected ${response.status}: ${await response.text()}`)
        } catch (error) {
          if (!killed) throw error
        }
      }
    }
    const load = Promise.all(Array.from({ length: 30 }, (_, i) => pupil(i)))
    while (acknowledged.length < 150) await new Promise((resolve) => setTimeout(resolve, 20))
    first.child.kill('SIGKILL')
    killed = true
    await load

    // After a restart (which must not seed again), every acknowledged response is there once.
    const second = startServer(port, database)
    children.push(second.child)
    await second.ready
    expect(second.output()).not.toContain('Demo data:')
    const db = new SQLite(database, { readonly: true })
    const stored = new Set(
      (
        db.prepare("select id from responses where state = 'complete'").all() as Array<{
          id: string
        }>
      ).map((r) => r.id),
    )
    db.close()
    const lost = acknowledged.filter((id) => !stored.has(id))
    expect(lost).toEqual([])
    expect(new Set(acknowledged).size).toBe(acknowledged.length)
  }, 120_000)
})
