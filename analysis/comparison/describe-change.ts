import type { LocalizedText } from '../../survey-definitions/scoring-spec.ts'
import type { MeasureChange } from './compare-waves.ts'
import type { EffectSizeLabel } from '../statistics/cohens-h.ts'

type Locale = 'da' | 'en'

/** What a change is about, in the words a report prints. */
export interface ChangeSubject {
  /**
   * The measure. Inline (the default), a share's label completes "Andelen af eleverne, der …" /
   * "The share of pupils who …" (`{ da: 'har været fulde inden for de seneste 30 dage', en: 'have
   * been drunk in the last 30 days' }`) and a mean's label follows "Gennemsnittet for …" / "The
   * average for …" (`{ da: 'trivsel (WHO-5-indeks)', en: 'wellbeing (WHO-5 index)' }`).
   */
  measureLabel: LocalizedText
  /**
   * 'heading' puts the label before a colon instead, for labels written as titles, such as the
   * measure catalogue's ("Har været fuld de sidste 30 dage: andelen af eleverne faldt …").
   */
  labelForm?: 'inline' | 'heading'
  scale: 'proportion' | 'mean'
  /** Who, e.g. `{ da: 'elever i 9. klasse', en: 'pupils in grade 9' }`; default eleverne/pupils. */
  population?: LocalizedText
  /** What is compared: the earlier period, e.g. `{ da: '2024/25', en: '2024/25' }`. */
  fromLabel: LocalizedText
  /** The later period. */
  toLabel: LocalizedText
  /**
   * 'periods' (the default): the later period against the earlier one ("faldt fra … til …").
   * 'groups': two groups at the same time, e.g. a school (`toLabel`) against the rest of the
   * municipality (`fromLabel`): "er 30 % for … og 25 % for …", and a real *difference*.
   */
  comparison?: 'periods' | 'groups'
}

const INTL_LOCALE: Record<Locale, string> = { da: 'da-DK', en: 'en-GB' }

const DEFAULT_POPULATION: LocalizedText = { da: 'eleverne', en: 'pupils' }

const EFFECT_SIZE: Record<Locale, Record<EffectSizeLabel, string | null>> = {
  da: {
    negligible: null,
    small: 'lille effekt',
    medium: 'mellemstor effekt',
    large: 'stor effekt',
  },
  en: { negligible: null, small: 'small effect', medium: 'medium effect', large: 'large effect' },
}

const WORDS = {
  da: {
    rose: 'steg',
    fell: 'faldt',
    unchanged: 'var uændret på',
    fromTo: (from: string, to: string) => `fra ${from} til ${to}`,
    period: (from: string, to: string) => `(${from} til ${to})`,
    between: (from: string, to: string) => `mellem ${from} og ${to}`,
    roundedEqual: (verb: string, value: string, from: string, to: string) =>
      `${verb} en anelse, men er afrundet ${value} i både ${from} og ${to}`,
    real: (effect: string | null) => `Det er en reel ændring${effect ? ` (${effect})` : ''}.`,
    noise: 'Forskellen er inden for normal variation.',
    groups: (to: string, toValue: string, from: string, fromValue: string) =>
      `er ${toValue} for ${to} og ${fromValue} for ${from}`,
    realDifference: (effect: string | null) => `Forskellen er reel${effect ? ` (${effect})` : ''}.`,
    tooFew: (noun: string, between: string) =>
      `der er for få besvarelser til at sammenligne ${noun} ${between}.`,
    notPossible: (noun: string, between: string, why: string) =>
      `${noun} kan ikke sammenlignes ${between}, fordi ${why}.`,
  },
  en: {
    rose: 'rose',
    fell: 'fell',
    unchanged: 'was unchanged at',
    fromTo: (from: string, to: string) => `from ${from} to ${to}`,
    period: (from: string, to: string) => `(${from} to ${to})`,
    between: (from: string, to: string) => `between ${from} and ${to}`,
    roundedEqual: (verb: string, value: string, from: string, to: string) =>
      `${verb} slightly but rounds to ${value} in both ${from} and ${to}`,
    real: (effect: string | null) => `This is a real change${effect ? ` (${effect})` : ''}.`,
    noise: 'The difference is within normal variation.',
    groups: (to: string, toValue: string, from: string, fromValue: string) =>
      `is ${toValue} for ${to} and ${fromValue} for ${from}`,
    realDifference: (effect: string | null) =>
      `This is a real difference${effect ? ` (${effect})` : ''}.`,
    tooFew: (noun: string, between: string) =>
      `there are too few answers to compare ${noun} ${between}.`,
    notPossible: (noun: string, between: string, why: string) =>
      `${noun} cannot be compared ${between} because ${why}.`,
  },
} as const

type InsufficientCause = 'no-variation' | 'no-answers' | 'too-few' | 'other'

const WHY: Record<Locale, Record<InsufficientCause, (from: string, to: string) => string>> = {
  da: {
    'no-variation': (from, to) => `alle besvarelser er ens i både ${from} og ${to}`,
    'no-answers': () => 'der mangler besvarelser fra den ene',
    'too-few': () => 'der er for få besvarelser',
    other: () => 'besvarelserne ikke giver grundlag for en statistisk test',
  },
  en: {
    'no-variation': (from, to) => `all answers are the same in both ${from} and ${to}`,
    'no-answers': () => 'one of them has no answers',
    'too-few': () => 'there are too few answers',
    other: () => 'the answers do not allow a statistical test',
  },
}

// The statistics modules give their reason as free English text with numbers in it; a report must
// show neither, so the reason is only sorted into a cause and an unknown text falls back to 'other'.
const causeOf = (reason: string): InsufficientCause => {
  if (reason.startsWith('no variation')) return 'no-variation'
  if (/no respondents|empty/.test(reason)) return 'no-answers'
  if (/at least/.test(reason)) return 'too-few'
  return 'other'
}

const formatValue = (value: number, scale: ChangeSubject['scale'], locale: Locale): string =>
  scale === 'proportion'
    ? new Intl.NumberFormat(INTL_LOCALE[locale], {
        style: 'percent',
        maximumFractionDigits: 0,
      }).format(value)
    : // signDisplay 'negative': a factor score of −0.04 reads "0,0", not "-0,0".
      new Intl.NumberFormat(INTL_LOCALE[locale], {
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
        signDisplay: 'negative',
      }).format(value)

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/**
 * The noun phrase a sentence is about, lower-case, and the heading to put before it. In Danish an
 * inline share's relative clause ("…, der har været fulde …,") must be closed by a comma when the
 * sentence goes on, hence `close`.
 */
const subjectPhrase = (
  subject: ChangeSubject,
  locale: Locale,
): { heading: string | null; noun: string; close: string } => {
  const label = subject.measureLabel[locale]
  const population = (subject.population ?? DEFAULT_POPULATION)[locale]
  const heading = subject.labelForm === 'heading' ? label : null
  if (subject.scale === 'proportion') {
    const share = locale === 'da' ? `andelen af ${population}` : `the share of ${population}`
    if (heading) return { heading, noun: share, close: '' }
    return locale === 'da'
      ? { heading, noun: `${share}, der ${label}`, close: ',' }
      : { heading, noun: `${share} who ${label}`, close: '' }
  }
  if (heading) {
    const noun =
      locale === 'da' ? `gennemsnittet blandt ${population}` : `the average among ${population}`
    return { heading, noun, close: '' }
  }
  const noun =
    locale === 'da'
      ? `gennemsnittet for ${label} blandt ${population}`
      : `the average for ${label} among ${population}`
  return { heading, noun, close: '' }
}

const sentence = (heading: string | null, text: string): string =>
  heading ? `${heading}: ${text}` : capitalize(text)

/**
 * One comparison result as a short, neutral sentence for a report (DOMAIN.md, "Reporting rules"):
 * the figures as a reader sees them (shares in whole percent, means with one decimal, in the
 * locale's number format), the direction in plain verbs, and whether the change is real (adjusted
 * p < 0.05) or within normal variation, with Cohen's label when the effect is at least small. It
 * states what the figures show and never why they changed or whether that is good or bad. A
 * suppressed or untestable comparison gets a sentence saying so, without any figure.
 *
 * @param change - one result of compareWaves
 * @param subject - the measure, the population and the two periods in both languages
 * @param locale - da or en
 * @returns one or two sentences
 * @throws RangeError when a tested change's test does not fit `subject.scale` (a mean printed as a
 *   percentage would be wrong by a factor of 100)
 * @example
 * describeChange(
 *   { kind: 'change', measure: 'indicator.drunk-30d', test: 'z', baseline: 0.21, followUp: 0.15,
 *     difference: -0.06, pValue: 0.001, adjustedPValue: 0.004, effectSize: -0.156,
 *     effectSizeLabel: 'negligible', verdict: 'real-change' },
 *   { measureLabel: { da: 'har været fulde inden for de seneste 30 dage', en: '…' },
 *     scale: 'proportion', population: { da: 'elever i 9. klasse', en: 'pupils in grade 9' },
 *     fromLabel: { da: '2024/25', en: '2024/25' }, toLabel: { da: '2025/26', en: '2025/26' } },
 *   'da',
 * )
 * // → 'Andelen af elever i 9. klasse, der har været fulde inden for de seneste 30 dage, faldt fra
 * //    21 % til 15 % (2024/25 til 2025/26). Det er en reel ændring.' (one line, no-break space
 * //    before %)
 */
export function describeChange(
  change: MeasureChange,
  subject: ChangeSubject,
  locale: Locale,
): string {
  const words = WORDS[locale]
  const { heading, noun, close } = subjectPhrase(subject, locale)
  const from = subject.fromLabel[locale]
  const to = subject.toLabel[locale]
  if (change.kind === 'suppressed') {
    return sentence(heading, words.tooFew(`${noun}${close}`, words.between(from, to)))
  }
  if (change.kind === 'insufficient') {
    const why = WHY[locale][causeOf(change.reason)](from, to)
    return sentence(heading, words.notPossible(`${noun}${close}`, words.between(from, to), why))
  }
  const testScale = change.test === 'welch' ? 'mean' : 'proportion'
  if (testScale !== subject.scale) {
    throw new RangeError(
      `${change.measure} was compared as a ${testScale} (${change.test}) but described as a ${subject.scale}`,
    )
  }
  const baseline = formatValue(change.baseline, subject.scale, locale)
  const followUp = formatValue(change.followUp, subject.scale, locale)
  const real = change.verdict === 'real-change'
  const effect = EFFECT_SIZE[locale][change.effectSizeLabel]
  if (subject.comparison === 'groups') {
    const text = `${noun}${close} ${words.groups(to, followUp, from, baseline)}`
    return `${sentence(heading, text)}. ${real ? words.realDifference(effect) : words.noise}`
  }
  const verdict = real ? words.real(effect) : words.noise
  if (baseline === followUp) {
    // "Unchanged" already says what a reader needs; adding "the difference is within normal
    // variation" would point at a difference the printed figures do not show.
    if (!real) {
      const text = `${noun}${close} ${words.unchanged} ${followUp} ${words.period(from, to)}`
      return `${sentence(heading, text)}.`
    }
    // Only possible with very many answers; the figures must not say "unchanged" beside "real".
    const verb = change.difference > 0 ? words.rose : words.fell
    const text = `${noun}${close} ${words.roundedEqual(verb, followUp, from, to)}`
    return `${sentence(heading, text)}. ${verdict}`
  }
  const verb = change.difference > 0 ? words.rose : words.fell
  const text = `${noun}${close} ${verb} ${words.fromTo(baseline, followUp)} ${words.period(from, to)}`
  return `${sentence(heading, text)}. ${verdict}`
}

const measures = (count: number) => (count === 1 ? 'measure' : 'measures')

const SUMMARY = {
  da: {
    empty: 'Der er ingen mål at sammenligne.',
    noneReal: (tested: number) =>
      tested === 1
        ? 'Målet ændrede sig ikke reelt; forskellen er inden for normal variation.'
        : `Ingen af de ${tested} mål ændrede sig reelt; alle er inden for normal variation.`,
    allReal: (tested: number) =>
      tested === 1 ? 'Målet ændrede sig reelt.' : `Alle ${tested} mål ændrede sig reelt.`,
    someReal: (real: number, tested: number) =>
      `${real} af ${tested} mål ændrede sig reelt; resten er inden for normal variation.`,
    suppressed: (count: number) =>
      `${count} mål kunne ikke sammenlignes på grund af for få besvarelser.`,
    insufficient: (count: number) => `${count} mål kunne ikke sammenlignes statistisk.`,
  },
  en: {
    empty: 'There are no measures to compare.',
    noneReal: (tested: number) =>
      tested === 1
        ? 'The measure did not change for real; the difference is within normal variation.'
        : `None of the ${tested} measures changed for real; all are within normal variation.`,
    allReal: (tested: number) =>
      tested === 1 ? 'The measure changed for real.' : `All ${tested} measures changed for real.`,
    someReal: (real: number, tested: number) =>
      `${real} of ${tested} measures changed for real; the rest are within normal variation.`,
    suppressed: (count: number) =>
      `${count} ${measures(count)} could not be compared because there were too few answers.`,
    insufficient: (count: number) =>
      `${count} ${measures(count)} could not be compared statistically.`,
  },
}

/**
 * The lead sentence over many comparisons at once (DOMAIN.md: reports lead with plain key
 * messages, and most changes for one school are noise): how many of the measures that could be
 * tested changed for real, then how many could not be compared for too few answers, and how many
 * could not be tested for another reason.
 *
 * @param changes - the results of one compareWaves call
 * @param locale - da or en
 * @returns one to three sentences
 * @example
 * describeChanges(results, 'da') // 3 real, 35 within noise, 2 suppressed
 * // → '3 af 38 mål ændrede sig reelt; resten er inden for normal variation. 2 mål kunne ikke
 * //    sammenlignes på grund af for få besvarelser.' (one line)
 */
export function describeChanges(changes: readonly MeasureChange[], locale: Locale): string {
  const words = SUMMARY[locale]
  if (changes.length === 0) return words.empty
  const tested = changes.filter((c) => c.kind === 'change')
  const real = tested.filter((c) => c.verdict === 'real-change').length
  const suppressed = changes.filter((c) => c.kind === 'suppressed').length
  const insufficient = changes.filter((c) => c.kind === 'insufficient').length
  const sentences: string[] = []
  if (tested.length > 0) {
    if (real === 0) sentences.push(words.noneReal(tested.length))
    else if (real === tested.length) sentences.push(words.allReal(tested.length))
    else sentences.push(words.someReal(real, tested.length))
  }
  if (suppressed > 0) sentences.push(words.suppressed(suppressed))
  if (insufficient > 0) sentences.push(words.insufficient(insufficient))
  return sentences.join(' ')
}
