/** Languages the pupil pages offer; the questionnaire carries a text for each. Danish first. */
export const PUPIL_LOCALES = ['da', 'en', 'ar', 'uk'] as const
export type PupilLocale = (typeof PUPIL_LOCALES)[number]

/** Right-to-left languages: the page sets dir="rtl" for these. */
export const RTL_LOCALES: ReadonlySet<string> = new Set(['ar'])
