/** Progressive enhancement of the staff pages: sign-in, sign-out, live response rates, charts. */
import embed, { type VisualizationSpec } from 'vega-embed'

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

interface ChartAnswer {
  title: string
  altText: string
  spec: VisualizationSpec
}

/**
 * Draws each chart from its `data-chart-url` with vega-embed as SVG. The spec carries its data
 * inline, so nothing is loaded from elsewhere; the text alternative stays beside the chart.
 */
async function renderChart(container: HTMLElement): Promise<void> {
  const response = await fetch(container.dataset.chartUrl!).catch(() => undefined)
  if (!response?.ok) return
  const chart = (await response.json()) as ChartAnswer
  const canvas = document.createElement('div')
  canvas.className = 'chart-drawing'
  canvas.setAttribute('role', 'img')
  canvas.setAttribute('aria-label', chart.altText)
  container.prepend(canvas)
  const { view } = await embed(canvas, chart.spec, { renderer: 'svg', actions: false, ast: true })
  container.querySelector('.chart-alt')?.classList.add('visually-hidden')
  // PNG is drawn here, from the chart on screen; the SVG link asks the server.
  const downloads = container.closest('figure')?.querySelector('.downloads')
  if (downloads) {
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'link-button'
    button.textContent = 'Hent figuren som PNG'
    button.addEventListener('click', async () => {
      const link = document.createElement('a')
      link.href = await view.toImageURL('png', 2)
      link.download = `${fileName(chart.title)}.png`
      link.click()
    })
    downloads.append(' ', button)
  }
}

/** A chart title as a file name: lower case, Danish letters spelled out, dashes between words. */
function fileName(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'oe')
      .replace(/å/g, 'aa')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'figur'
  )
}

for (const container of document.querySelectorAll<HTMLElement>('[data-chart-url]')) {
  void renderChart(container)
}
