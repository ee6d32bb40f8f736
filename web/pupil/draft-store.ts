import type { PupilLocale } from './pupil-texts.ts'

/** Everything the page needs to resume after a reload, a closed lid or a restarted browser. */
export interface StoredDraft {
  code: string
  responseId: string
  questionnaireUrl: string
  schoolName: string
  classLabel: string
  answers: Record<string, unknown>
  pageNo: number
  state: 'draft' | 'complete'
  /** True while the newest answers have not been acknowledged by the server. */
  unsent: boolean
}

const KEY = 'trivselsradar.draft.v1'
const LOCALE_KEY = 'trivselsradar.locale'

export function loadDraft(): StoredDraft | undefined {
  try {
    const raw = localStorage.getItem(KEY)
    return raw ? (JSON.parse(raw) as StoredDraft) : undefined
  } catch {
    return undefined
  }
}

export function saveDraft(draft: StoredDraft): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(draft))
  } catch {
    // Storage full or disabled: the server copy is then the only one; nothing else to do.
  }
}

/** Forgets the response on this device (a shared school device is handed to the next pupil). */
export function clearDraft(): void {
  localStorage.removeItem(KEY)
}

export function loadLocale(): PupilLocale | undefined {
  const value = localStorage.getItem(LOCALE_KEY)
  return value === 'da' || value === 'en' || value === 'ar' || value === 'uk' ? value : undefined
}

export function saveLocale(locale: PupilLocale): void {
  localStorage.setItem(LOCALE_KEY, locale)
}
