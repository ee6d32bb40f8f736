import type { FactorDomain, FactorKind } from '../../survey-definitions/scoring-spec.ts'
import type { ChangeVerdict, ChartLocale } from './chart-data.ts'

/** What a suppressed group shows in every chart instead of a figure: never a zero, never a number. */
export const SUPPRESSED_TEXT: Record<ChartLocale, string> = {
  da: 'for få besvarelser',
  en: 'too few answers',
}

/** What a response rate shows when the school gave no expected number of pupils. */
export const NO_EXPECTED_COUNT_TEXT: Record<ChartLocale, string> = {
  da: 'intet forventet antal',
  en: 'no expected count',
}

/** Every word a chart shows a reader, in one language. */
export interface ChartTexts {
  suppressed: string
  noExpectedCount: string
  /** Tooltip title of a figure's 95 % interval. */
  interval: string
  /** Tooltip value when a figure has no interval (a mean from one answer). */
  noInterval: string
  share: string
  mean: string
  /** Tooltip title of a group's number of answers. */
  answers: string
  schoolYear: string
  group: string
  school: string
  factor: string
  measure: string
  shareOfPupils: string
  responseRate: string
  responded: string
  expected: string
  /** The alt text's last sentence on a trend: what the shaded band is. */
  intervalNote: string
  domains: Record<FactorDomain, string>
  kinds: Record<FactorKind, string>
  verdicts: Record<ChangeVerdict, string>
  /** Concern levels 1–4, thriving to serious concern. */
  concernLevels: [string, string, string, string]
  titles: {
    trend: (measure: string) => string
    schools: (measure: string) => string
    profile: (group: string) => string
    dumbbell: (baseline: string, followUp: string) => string
    concern: string
    responseRate: string
  }
  /** Alt-text sentence naming the chart type before its figures. */
  chartKinds: {
    trend: string
    schools: string
    profile: string
    dumbbell: string
    concern: string
    responseRate: string
  }
  /** Alt-text sentence for rows a dumbbell chart leaves out because they are means. */
  meansLeftOut: (count: number) => string
}

/** The charts' words in Danish (as the reader sees them) and English. */
export const CHART_TEXTS: Record<ChartLocale, ChartTexts> = {
  da: {
    suppressed: SUPPRESSED_TEXT.da,
    noExpectedCount: NO_EXPECTED_COUNT_TEXT.da,
    interval: '95 %-interval',
    noInterval: 'kan ikke beregnes',
    share: 'Andel',
    mean: 'Gennemsnit',
    answers: 'Besvarelser (n)',
    schoolYear: 'Skoleår',
    group: 'Gruppe',
    school: 'Skole',
    factor: 'Faktor',
    measure: 'Mål',
    shareOfPupils: 'Andel af eleverne',
    responseRate: 'Svarprocent',
    responded: 'Besvarelser',
    expected: 'Forventet antal',
    intervalNote: 'Båndet viser 95 %-intervallet.',
    domains: {
      family: 'Familie',
      school: 'Skole',
      'peers-individual': 'Kammerater og individ',
      'leisure-community': 'Fritid og lokalsamfund',
    },
    kinds: { risk: 'Risikofaktor', protective: 'Beskyttende faktor' },
    verdicts: {
      'real-change': 'reel ændring',
      'within-normal-variation': 'inden for normal variation',
      suppressed: SUPPRESSED_TEXT.da,
    },
    concernLevels: ['Trives', 'Begyndende bekymring', 'Bekymring', 'Alvorlig bekymring'],
    titles: {
      trend: (measure) => `${measure} over tid`,
      schools: (measure) => `${measure} pr. skole`,
      profile: (group) => `Risiko- og beskyttende faktorer: ${group}`,
      dumbbell: (baseline, followUp) => `Ændring fra ${baseline} til ${followUp}`,
      concern: 'Bekymringsniveau',
      responseRate: 'Svarprocent',
    },
    chartKinds: {
      trend: 'Linjediagram',
      schools: 'Punktdiagram med 95 %-intervaller, én række pr. skole',
      profile: 'Søjlediagram over andelen af elever med hver faktor, opdelt på område',
      dumbbell: 'Diagram med udgangspunkt og opfølgning for hvert mål',
      concern: 'Stablede søjler med andelen af elever på hvert bekymringsniveau',
      responseRate: 'Søjlediagram over svarprocent',
    },
    meansLeftOut: (count) => `${count} mål på en gennemsnitsskala er ikke vist her.`,
  },
  en: {
    suppressed: SUPPRESSED_TEXT.en,
    noExpectedCount: NO_EXPECTED_COUNT_TEXT.en,
    interval: '95% interval',
    noInterval: 'not available',
    share: 'Share',
    mean: 'Mean',
    answers: 'Answers (n)',
    schoolYear: 'School year',
    group: 'Group',
    school: 'School',
    factor: 'Factor',
    measure: 'Measure',
    shareOfPupils: 'Share of pupils',
    responseRate: 'Response rate',
    responded: 'Answers',
    expected: 'Expected',
    intervalNote: 'The band shows the 95% interval.',
    domains: {
      family: 'Family',
      school: 'School',
      'peers-individual': 'Peers and individual',
      'leisure-community': 'Leisure and community',
    },
    kinds: { risk: 'Risk factor', protective: 'Protective factor' },
    verdicts: {
      'real-change': 'real change',
      'within-normal-variation': 'within normal variation',
      suppressed: SUPPRESSED_TEXT.en,
    },
    concernLevels: ['Thriving', 'Beginning concern', 'Concern', 'Serious concern'],
    titles: {
      trend: (measure) => `${measure} over time`,
      schools: (measure) => `${measure} by school`,
      profile: (group) => `Risk and protective factors: ${group}`,
      dumbbell: (baseline, followUp) => `Change from ${baseline} to ${followUp}`,
      concern: 'Level of concern',
      responseRate: 'Response rate',
    },
    chartKinds: {
      trend: 'Line chart',
      schools: 'Dot chart with 95% intervals, one row per school',
      profile: 'Bar chart of the share of pupils with each factor, by domain',
      dumbbell: 'Chart of baseline and follow-up for each measure',
      concern: 'Stacked bars of the share of pupils at each level of concern',
      responseRate: 'Bar chart of response rates',
    },
    meansLeftOut: (count) =>
      `${count} ${count === 1 ? 'measure' : 'measures'} on a mean scale ${count === 1 ? 'is' : 'are'} not shown here.`,
  },
}
