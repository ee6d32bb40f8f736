/**
 * Sends the newest version of the response to the server, one request at a time, retrying with
 * back-off when offline or when the server fails. Each PUT carries the whole response, so only
 * the newest version needs sending; the server makes repeats harmless.
 */
export type SyncStatus = 'saved' | 'pending' | 'offline' | 'rejected'

export interface SyncOutcome {
  status: SyncStatus
  /** The server's error body when it refused the response for good (4xx). */
  error?: { code: string; message: string }
}

export interface SyncQueue {
  push(body: unknown): void
  /** Resolves when the newest pushed version is acknowledged (or refused for good). */
  flushed(): Promise<SyncOutcome>
}

const MAX_DELAY_MS = 30_000

export function createSyncQueue(
  url: () => string,
  onStatus: (outcome: SyncOutcome) => void,
): SyncQueue {
  let latest: unknown
  let version = 0
  let sentVersion = 0
  let running = false
  let delay = 1000
  let timer: ReturnType<typeof setTimeout> | undefined
  let waiters: Array<(outcome: SyncOutcome) => void> = []
  let lastOutcome: SyncOutcome = { status: 'saved' }

  const settle = (outcome: SyncOutcome) => {
    lastOutcome = outcome
    onStatus(outcome)
    if (outcome.status === 'saved' || outcome.status === 'rejected') {
      const done = waiters
      waiters = []
      for (const resolve of done) resolve(outcome)
    }
  }

  async function run(): Promise<void> {
    if (running) return
    running = true
    try {
      while (sentVersion < version) {
        const sending = version
        let response: Response
        try {
          response = await fetch(url(), {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(latest),
          })
        } catch {
          settle({ status: 'offline' })
          scheduleRetry()
          return
        }
        if (response.ok) {
          sentVersion = sending
          delay = 1000
          continue
        }
        if (response.status >= 500 || response.status === 429 || response.status === 408) {
          settle({ status: 'offline' })
          scheduleRetry()
          return
        }
        const body = (await response.json().catch(() => ({}))) as {
          error?: { code: string; message: string }
        }
        sentVersion = sending
        settle({
          status: 'rejected',
          error: body.error ?? { code: 'unknown', message: response.statusText },
        })
        return
      }
      settle({ status: 'saved' })
    } finally {
      running = false
    }
  }

  function scheduleRetry(): void {
    if (timer !== undefined) return
    timer = setTimeout(() => {
      timer = undefined
      void run()
    }, delay)
    delay = Math.min(delay * 2, MAX_DELAY_MS)
  }

  window.addEventListener('online', () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    delay = 1000
    void run()
  })

  return {
    push(body) {
      latest = body
      version++
      onStatus({ status: 'pending' })
      void run()
    },
    flushed() {
      if (sentVersion >= version && !running)
        return Promise.resolve(
          lastOutcome.status === 'rejected' ? lastOutcome : { status: 'saved' },
        )
      return new Promise((resolve) => waiters.push(resolve))
    },
  }
}
