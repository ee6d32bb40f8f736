import { formatFigure } from '../../analysis/charts/chart-format.ts'

/** The fixed words of the round report, shared by the HTML page and the PDF. */
export const REPORT_WORDS = {
  da: {
    keyMessages: 'Hovedbudskaber',
    responseRate: 'Svarprocent',
    method: 'Metode',
    measure: 'Mål',
    figure: 'Resultat',
    comparison: 'Sammenligning',
    school: 'Skole',
    completed: 'Besvarelser',
    expected: 'Forventede elever',
    rate: 'Svarprocent',
    total: 'I alt',
    suppressed: 'for få besvarelser',
    noExpected: 'intet forventet antal',
    versions: (q: number, s: string) => `Spørgeskema version ${q}, scoringsregler version ${s}.`,
    excluded: (n: number | null) =>
      n === null
        ? 'Antallet af besvarelser udeladt som ugyldige vises ikke, fordi gruppen er for lille.'
        : `${n} besvarelser er udeladt som ugyldige (WHO-5-indekset).`,
    k: (k: number) => `Mindste gruppestørrelse (k): ${k}.`,
    groups:
      'Resultaterne beskriver grupper af elever, aldrig et enkelt barn, og kan ikke føres tilbage til en elev.',
    made: 'Udarbejdet',
    page: (i: number, n: number) => `Side ${i} af ${n}`,
  },
  en: {
    keyMessages: 'Key messages',
    responseRate: 'Response rate',
    method: 'Method',
    measure: 'Measure',
    figure: 'Result',
    comparison: 'Comparison',
    school: 'School',
    completed: 'Responses',
    expected: 'Expected pupils',
    rate: 'Response rate',
    total: 'Total',
    suppressed: 'too few responses',
    noExpected: 'no expected count',
    versions: (q: number, s: string) => `Questionnaire version ${q}, scoring spec version ${s}.`,
    excluded: (n: number | null) =>
      n === null
        ? 'The number of responses excluded as invalid is not shown: the group is too small.'
        : `${n} responses were excluded as invalid (WHO-5 index).`,
    k: (k: number) => `Minimum group size (k): ${k}.`,
    groups:
      'Results describe groups of pupils, never a single child, and cannot be traced to a pupil.',
    made: 'Prepared',
    page: (i: number, n: number) => `Page ${i} of ${n}`,
  },
} as const

/**
 * A response rate (completed of expected) as whole percent in the report's language, or the
 * words for a group without an expected count. The HTML and the PDF report both write it so.
 */
export const responseRateText = (completed: number, expected: number, lang: 'da' | 'en') =>
  expected > 0
    ? formatFigure(completed / expected, 'proportion', lang)
    : REPORT_WORDS[lang].noExpected
