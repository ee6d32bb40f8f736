import { Model, surveyLocalization, type Question } from 'survey-core'
import 'survey-core/i18n/danish'
import 'survey-core/i18n/arabic'
import 'survey-core/i18n/ukrainian'
import { renderSurvey } from 'survey-js-ui'
import {
  clearDraft,
  loadDraft,
  loadLocale,
  saveDraft,
  saveLocale,
  type StoredDraft,
} from './draft-store.ts'
import { canReadAloud, readAloud, stopReading } from './read-aloud.ts'
import { isRtl, pupilTexts, SPEECH_LANG, type PupilLocale, type PupilTexts } from './pupil-texts.ts'
import { createSyncQueue, type SyncOutcome } from './sync-queue.ts'

// The questionnaire's "default" texts are Danish; English, Arabic and Ukrainian are translations.
surveyLocalization.defaultLocale = 'da'

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id)
  if (!element) throw new Error(`#${id} is missing from the page`)
  return element as T
}

const elements = {
  language: byId<HTMLSelectElement>('language'),
  start: byId('start'),
  form: byId<HTMLFormElement>('code-form'),
  code: byId<HTMLInputElement>('code'),
  codeError: byId('code-error'),
  startButton: byId<HTMLButtonElement>('start-button'),
  questionnaire: byId('questionnaire'),
  classLine: byId('class-line'),
  survey: byId('survey'),
  done: byId('done'),
  newPupil: byId<HTMLButtonElement>('new-pupil'),
  status: byId('save-status'),
}

let locale: PupilLocale = loadLocale() ?? 'da'
let texts: PupilTexts = pupilTexts[locale]
let draft: StoredDraft | undefined
let model: Model | undefined
let lastSync: SyncOutcome = { status: 'saved' }

const queue = createSyncQueue(
  () => `/api/responses/${draft?.responseId ?? ''}`,
  (outcome) => {
    lastSync = outcome
    if (outcome.status === 'saved' && draft) {
      draft.unsent = false
      if (draft.state === 'complete') forgetAnswers()
      else saveDraft(draft)
    }
    showStatus()
  },
)

/** Writes the page's own texts in the current language and sets the text direction. */
function applyLocale(): void {
  texts = pupilTexts[locale]
  document.documentElement.lang = locale
  document.documentElement.dir = isRtl(locale) ? 'rtl' : 'ltr'
  elements.language.value = locale
  for (const element of document.querySelectorAll<HTMLElement>('[data-text]')) {
    const value = texts[element.dataset.text as keyof PupilTexts]
    if (typeof value === 'string') element.textContent = value
  }
  for (const element of document.querySelectorAll<HTMLElement>('[data-list]')) {
    const lines = texts[element.dataset.list as keyof PupilTexts]
    if (Array.isArray(lines))
      element.replaceChildren(
        ...lines.map((line) => Object.assign(document.createElement('p'), { textContent: line })),
      )
  }
  document.title = `Trivselsradar – ${texts.title}`
  if (draft) elements.classLine.textContent = classLine(draft)
  for (const button of document.querySelectorAll<HTMLButtonElement>('button.read-aloud'))
    labelReadAloud(button, false)
  if (model) model.locale = locale
  elements.survey.querySelector('.sd-root-modern')?.setAttribute('lang', locale)
  showStatus()
}

/** The class line, with names isolated so "7.A" is not reordered inside right-to-left text. */
function classLine(current: StoredDraft): string {
  const isolate = (text: string) => (isRtl(locale) ? `\u2068${text}\u2069` : text)
  return texts.classLine(isolate(current.schoolName), isolate(current.classLabel))
}

function showStatus(): void {
  if (!draft) {
    elements.status.textContent = ''
    return
  }
  const complete = draft.state === 'complete'
  const message =
    lastSync.status === 'saved'
      ? texts.savedOnServer
      : lastSync.status === 'pending'
        ? complete
          ? texts.sending
          : texts.saving
        : lastSync.status === 'offline'
          ? texts.savedOnDevice
          : lastSync.error?.code === 'round_closed'
            ? texts.closed
            : texts.sendFailed
  elements.status.textContent = message
  elements.status.dataset.state = lastSync.status
  elements.newPupil.disabled = complete && draft.unsent
}

function show(section: 'start' | 'questionnaire' | 'done'): void {
  elements.start.hidden = section !== 'start'
  elements.questionnaire.hidden = section !== 'questionnaire'
  elements.done.hidden = section !== 'done'
}

/** After the server acknowledged the completed response, nothing of it stays on the device. */
function forgetAnswers(): void {
  if (!draft) return
  draft.answers = {}
  saveDraft(draft)
}

function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function sendCurrent(): void {
  if (!draft) return
  draft.unsent = true
  saveDraft(draft)
  queue.push({ code: draft.code, answers: draft.answers, state: draft.state, locale })
}

const startErrors: Record<string, keyof PupilTexts> = {
  unknown_code: 'unknownCode',
  validation_failed: 'unknownCode',
  round_not_open: 'notOpen',
  round_closed: 'closed',
  rate_limited: 'tooMany',
}

function showCodeError(key: keyof PupilTexts | undefined): void {
  const message = key ? texts[key] : undefined
  elements.codeError.textContent = typeof message === 'string' ? message : ''
  elements.codeError.hidden = !message
  elements.code.setAttribute('aria-invalid', message ? 'true' : 'false')
  if (message) elements.code.focus()
}

async function startWithCode(code: string): Promise<void> {
  showCodeError(undefined)
  elements.startButton.disabled = true
  elements.startButton.textContent = texts.starting
  try {
    let response: Response
    try {
      response = await fetch('/api/pupil/start', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      })
    } catch {
      showCodeError('offlineStart')
      return
    }
    const body = await response.json().catch(() => ({}))
    if (!response.ok) {
      showCodeError(startErrors[body?.error?.code as string] ?? 'unknownCode')
      return
    }
    draft = {
      code,
      responseId: randomUuid(),
      questionnaireUrl: body.questionnaireUrl,
      schoolName: body.schoolName,
      classLabel: body.classLabel,
      answers: {},
      pageNo: 0,
      state: 'draft',
      unsent: false,
    }
    saveDraft(draft)
    await openQuestionnaire(draft)
  } finally {
    elements.startButton.disabled = false
    elements.startButton.textContent = texts.start
  }
}

function labelReadAloud(button: HTMLButtonElement, reading: boolean): void {
  const title = button.dataset.title ?? ''
  button.textContent = reading ? texts.stopReading : texts.readAloud
  button.setAttribute('aria-label', `${reading ? texts.stopReading : texts.readAloud}: ${title}`)
  button.setAttribute('aria-pressed', reading ? 'true' : 'false')
}

function spokenText(question: Question): string {
  const choices =
    (question as unknown as { visibleChoices?: Array<{ text: string }> }).visibleChoices ?? []
  return [question.processedTitle, ...choices.map((choice) => choice.text)].join('. ')
}

function addReadAloud(question: Question, container: HTMLElement): void {
  if (!canReadAloud()) return
  const header = container.querySelector('.sd-question__header') ?? container.firstElementChild
  if (!header || header.querySelector('button.read-aloud')) return
  const button = document.createElement('button')
  button.type = 'button'
  button.className = 'read-aloud'
  button.dataset.title = question.processedTitle
  labelReadAloud(button, false)
  button.addEventListener('click', () => {
    if (button.getAttribute('aria-pressed') === 'true') {
      stopReading()
      labelReadAloud(button, false)
      return
    }
    for (const other of document.querySelectorAll<HTMLButtonElement>('button.read-aloud'))
      labelReadAloud(other, false)
    button.dataset.title = question.processedTitle
    labelReadAloud(button, true)
    readAloud(spokenText(question), SPEECH_LANG[locale], () => labelReadAloud(button, false))
  })
  header.appendChild(button)
}

async function openQuestionnaire(current: StoredDraft): Promise<void> {
  const response = await fetch(current.questionnaireUrl)
  const json = await response.json()
  model = new Model(json)
  model.locale = locale
  model.showCompletedPage = false
  model.showProgressBar = 'top'
  model.progressBarType = 'pages'
  model.checkErrorsMode = 'onNextPage'
  model.data = current.answers
  if (current.pageNo > 0 && current.pageNo < model.visiblePageCount)
    model.currentPageNo = current.pageNo

  model.onValueChanged.add((sender) => {
    current.answers = sender.data
    saveDraft(current)
  })
  model.onCurrentPageChanged.add((sender) => {
    current.answers = sender.data
    current.pageNo = sender.currentPageNo
    stopReading()
    sendCurrent()
  })
  model.onAfterRenderQuestion.add((_, options) =>
    addReadAloud(options.question, options.htmlElement),
  )
  // SurveyJS marks its root lang="en" whatever the locale; screen readers need the real one.
  model.onAfterRenderSurvey.add((_, options) => options.htmlElement.setAttribute('lang', locale))
  model.onComplete.add((sender) => {
    stopReading()
    current.answers = sender.data
    current.state = 'complete'
    sendCurrent()
    showDone()
  })

  elements.classLine.textContent = classLine(current)
  show('questionnaire')
  renderSurvey(model, elements.survey)
  if (current.unsent) sendCurrent()
}

function showDone(): void {
  show('done')
  showStatus()
  elements.done.focus()
}

function startOver(): void {
  clearDraft()
  draft = undefined
  model = undefined
  elements.survey.replaceChildren()
  elements.code.value = ''
  show('start')
  showStatus()
  elements.code.focus()
}

elements.language.addEventListener('change', () => {
  locale = elements.language.value as PupilLocale
  saveLocale(locale)
  applyLocale()
})
elements.form.addEventListener('submit', (event) => {
  event.preventDefault()
  const code = elements.code.value.trim()
  if (code === '') showCodeError('unknownCode')
  else void startWithCode(code)
})
elements.newPupil.addEventListener('click', () => {
  if (draft?.unsent) return
  startOver()
})

applyLocale()
draft = loadDraft()
if (draft?.state === 'complete') {
  showDone()
  if (draft.unsent) sendCurrent()
} else if (draft) {
  void openQuestionnaire(draft)
} else {
  const fromQr = new URLSearchParams(location.search).get('code')
  if (fromQr) {
    history.replaceState(null, '', location.pathname)
    elements.code.value = fromQr
    void startWithCode(fromQr)
  } else {
    show('start')
  }
}
