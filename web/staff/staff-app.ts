/** Progressive enhancement of the staff pages: sign-in, sign-out, live response rates, charts. */

const percent = (part: number, whole: number): string =>
  whole > 0
    ? `${new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 }).format((100 * part) / whole)} %`
    : '–'

function enhanceLogin(form: HTMLFormElement): void {
  const error = document.getElementById('login-error') as HTMLElement
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const data = new FormData(form)
    const response = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: data.get('email'), password: data.get('password') }),
    }).catch(() => undefined)
    if (response?.ok) {
      const next = form.dataset.next ?? '/staff'
      location.assign(next.startsWith('/staff') ? next : '/staff')
      return
    }
    const body = response ? await response.json().catch(() => ({})) : {}
    error.textContent =
      response === undefined
        ? 'Der er ingen forbindelse til serveren.'
        : body?.error?.code === 'rate_limited'
          ? 'For mange forkerte forsøg. Vent et kvarter, eller kontakt en administrator.'
          : 'E-mail eller adgangskode er forkert.'
    error.hidden = false
  })
}

function enhanceLogout(button: HTMLElement): void {
  button.addEventListener('click', async () => {
    await fetch('/api/auth/logout', { method: 'POST' }).catch(() => undefined)
    location.assign('/staff/login')
  })
}

interface Progress {
  totals: { expectedPupils: number; started: number; completed: number }
  classes: Array<{ classId: string; expectedPupils: number; started: number; completed: number }>
}

function enhanceProgress(section: HTMLElement): void {
  if (section.dataset.live !== 'true') return
  const summary = document.getElementById('progress-summary') as HTMLElement
  const refresh = async (): Promise<void> => {
    const response = await fetch(`/api/rounds/${section.dataset.round}/progress`).catch(
      () => undefined,
    )
    if (!response?.ok) return
    const progress = (await response.json()) as Progress
    for (const c of progress.classes) {
      const row = section.querySelector(`tr[data-class="${c.classId}"]`)
      if (!row) continue
      const set = (field: string, value: string) => {
        const cell = row.querySelector(`[data-field="${field}"]`)
        if (cell && cell.textContent !== value) cell.textContent = value
      }
      set('inProgress', String(c.started - c.completed))
      set('completed', String(c.completed))
      set('rate', percent(c.completed, c.expectedPupils))
    }
    const t = progress.totals
    summary.textContent = `${t.completed} af ${t.expectedPupils} elever har svaret (${percent(t.completed, t.expectedPupils)}); ${t.started - t.completed} er i gang. Tallene opdateres af sig selv.`
  }
  setInterval(() => void refresh(), 10_000)
}

const login = document.getElementById('login-form')
if (login instanceof HTMLFormElement) enhanceLogin(login)
const logout = document.getElementById('logout')
if (logout) enhanceLogout(logout)
const progress = document.getElementById('progress')
if (progress) enhanceProgress(progress)

// The chart code (vega) is most of the staff bundle: it is fetched only by pages with charts.
const charts = document.querySelectorAll<HTMLElement>('[data-chart-url]')
if (charts.length > 0) {
  void import('./staff-charts.ts').then(({ renderChart }) => {
    for (const container of charts) void renderChart(container)
  })
}
