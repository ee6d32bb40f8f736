import { describe, expect, it } from 'vitest'
import { compareWaves, type MeasureChange } from '../../../analysis/comparison/compare-waves.ts'
import {
  describeChange,
  describeChanges,
  type ChangeSubject,
} from '../../../analysis/comparison/describe-change.ts'

// Danish puts a no-break space (U+00A0) between number and %, as Intl's da-DK does.
const NBSP = '\u00a0'

const tested = (
  baseline: number,
  followUp: number,
  verdict: 'real-change' | 'within-normal-variation',
  effectSizeLabel: 'negligible' | 'small' | 'medium' | 'large' = 'negligible',
  test: 'z' | 'fisher' | 'welch' = 'z',
): MeasureChange => ({
  kind: 'change',
  measure: 'indicator.drunk-30d',
  test,
  baseline,
  followUp,
  difference: followUp - baseline,
  pValue: verdict === 'real-change' ? 0.001 : 0.4,
  adjustedPValue: verdict === 'real-change' ? 0.004 : 0.6,
  effectSize: 0,
  effectSizeLabel,
  verdict,
})

const drunk: ChangeSubject = {
  measureLabel: {
    da: 'har været fulde inden for de seneste 30 dage',
    en: 'have been drunk in the last 30 days',
  },
  scale: 'proportion',
  population: { da: 'elever i 9. klasse', en: 'pupils in grade 9' },
  fromLabel: { da: '2024/25', en: '2024/25' },
  toLabel: { da: '2025/26', en: '2025/26' },
}

const who5: ChangeSubject = {
  measureLabel: { da: 'trivsel (WHO-5-indeks)', en: 'wellbeing (WHO-5 index)' },
  scale: 'mean',
  fromLabel: { da: '2024/25', en: '2024/25' },
  toLabel: { da: '2025/26', en: '2025/26' },
}

describe('describeChange, shares', () => {
  it('describes a real fall in whole percent, "21 %" in Danish and "21%" in English', () => {
    const change = tested(0.21, 0.15, 'real-change')
    expect(describeChange(change, drunk, 'da')).toBe(
      `Andelen af elever i 9. klasse, der har været fulde inden for de seneste 30 dage, faldt fra 21${NBSP}% til 15${NBSP}% (2024/25 til 2025/26). Det er en reel ændring.`,
    )
    expect(describeChange(change, drunk, 'en')).toBe(
      'The share of pupils in grade 9 who have been drunk in the last 30 days fell from 21% to 15% (2024/25 to 2025/26). This is a real change.',
    )
  })

  it('names the effect size of a real change when it is at least small', () => {
    expect(describeChange(tested(0.3, 0.45, 'real-change', 'small'), drunk, 'da')).toBe(
      `Andelen af elever i 9. klasse, der har været fulde inden for de seneste 30 dage, steg fra 30${NBSP}% til 45${NBSP}% (2024/25 til 2025/26). Det er en reel ændring (lille effekt).`,
    )
    expect(describeChange(tested(0.3, 0.45, 'real-change', 'small'), drunk, 'en')).toBe(
      'The share of pupils in grade 9 who have been drunk in the last 30 days rose from 30% to 45% (2024/25 to 2025/26). This is a real change (small effect).',
    )
    expect(describeChange(tested(0.1, 0.4, 'real-change', 'medium'), drunk, 'da')).toMatch(
      /Det er en reel ændring \(mellemstor effekt\)\.$/,
    )
    expect(describeChange(tested(0.05, 0.6, 'real-change', 'large'), drunk, 'en')).toMatch(
      /This is a real change \(large effect\)\.$/,
    )
  })

  it('says a difference is within normal variation when it is not real, whatever its size', () => {
    expect(describeChange(tested(0.18, 0.2, 'within-normal-variation'), drunk, 'da')).toBe(
      `Andelen af elever i 9. klasse, der har været fulde inden for de seneste 30 dage, steg fra 18${NBSP}% til 20${NBSP}% (2024/25 til 2025/26). Forskellen er inden for normal variation.`,
    )
    expect(describeChange(tested(0.18, 0.2, 'within-normal-variation', 'small'), drunk, 'en')).toBe(
      'The share of pupils in grade 9 who have been drunk in the last 30 days rose from 18% to 20% (2024/25 to 2025/26). The difference is within normal variation.',
    )
  })

  it('calls a share unchanged when both round to the same whole percent', () => {
    // 19.8 % and 20.4 % both round to 20 %.
    const change = tested(0.198, 0.204, 'within-normal-variation')
    expect(describeChange(change, drunk, 'da')).toBe(
      `Andelen af elever i 9. klasse, der har været fulde inden for de seneste 30 dage, var uændret på 20${NBSP}% (2024/25 til 2025/26).`,
    )
    expect(describeChange(change, drunk, 'en')).toBe(
      'The share of pupils in grade 9 who have been drunk in the last 30 days was unchanged at 20% (2024/25 to 2025/26).',
    )
  })

  it('does not print "unchanged" beside "real" when a real change rounds away', () => {
    const change = tested(0.198, 0.204, 'real-change')
    expect(describeChange(change, drunk, 'da')).toBe(
      `Andelen af elever i 9. klasse, der har været fulde inden for de seneste 30 dage, steg en anelse, men er afrundet 20${NBSP}% i både 2024/25 og 2025/26. Det er en reel ændring.`,
    )
    expect(describeChange(change, drunk, 'en')).toBe(
      'The share of pupils in grade 9 who have been drunk in the last 30 days rose slightly but rounds to 20% in both 2024/25 and 2025/26. This is a real change.',
    )
  })

  it('defaults the population to eleverne / pupils and can put a title-like label first', () => {
    const catalogueLabel: ChangeSubject = {
      measureLabel: { da: 'Har været fuld de sidste 30 dage', en: 'Drunk in the last 30 days' },
      labelForm: 'heading',
      scale: 'proportion',
      fromLabel: { da: '2024/25', en: '2024/25' },
      toLabel: { da: '2025/26', en: '2025/26' },
    }
    const change = tested(0.21, 0.15, 'within-normal-variation')
    expect(describeChange(change, catalogueLabel, 'da')).toBe(
      `Har været fuld de sidste 30 dage: andelen af eleverne faldt fra 21${NBSP}% til 15${NBSP}% (2024/25 til 2025/26). Forskellen er inden for normal variation.`,
    )
    expect(describeChange(change, catalogueLabel, 'en')).toBe(
      'Drunk in the last 30 days: the share of pupils fell from 21% to 15% (2024/25 to 2025/26). The difference is within normal variation.',
    )
  })
})

describe('describeChange, means', () => {
  it('prints one decimal in the locale format, with a decimal comma in Danish', () => {
    const change = tested(61.2, 64, 'real-change', 'small', 'welch')
    expect(describeChange(change, who5, 'da')).toBe(
      'Gennemsnittet for trivsel (WHO-5-indeks) blandt eleverne steg fra 61,2 til 64,0 (2024/25 til 2025/26). Det er en reel ændring (lille effekt).',
    )
    expect(describeChange(change, who5, 'en')).toBe(
      'The average for wellbeing (WHO-5 index) among pupils rose from 61.2 to 64.0 (2024/25 to 2025/26). This is a real change (small effect).',
    )
  })

  it('calls a mean unchanged at one decimal, and never prints a minus zero', () => {
    const score: ChangeSubject = { ...who5, measureLabel: { da: 'ensomhed', en: 'loneliness' } }
    expect(
      describeChange(
        tested(-0.04, 0.01, 'within-normal-variation', 'negligible', 'welch'),
        score,
        'da',
      ),
    ).toBe('Gennemsnittet for ensomhed blandt eleverne var uændret på 0,0 (2024/25 til 2025/26).')
    expect(
      describeChange(
        tested(3.46, 3.04, 'within-normal-variation', 'negligible', 'welch'),
        score,
        'en',
      ),
    ).toBe(
      'The average for loneliness among pupils fell from 3.5 to 3.0 (2024/25 to 2025/26). The difference is within normal variation.',
    )
  })

  it('refuses to print a mean as a percentage', () => {
    expect(() =>
      describeChange(tested(61.2, 64, 'real-change', 'small', 'welch'), drunk, 'da'),
    ).toThrow(RangeError)
  })
})

describe('describeChange, no comparison', () => {
  const suppressed: MeasureChange = {
    kind: 'suppressed',
    measure: 'indicator.drunk-30d',
    reason: 'too-few',
  }

  it('says a suppressed comparison has too few answers, without any figure', () => {
    expect(describeChange(suppressed, drunk, 'da')).toBe(
      'Der er for få besvarelser til at sammenligne andelen af elever i 9. klasse, der har været fulde inden for de seneste 30 dage, mellem 2024/25 og 2025/26.',
    )
    expect(describeChange(suppressed, drunk, 'en')).toBe(
      'There are too few answers to compare the share of pupils in grade 9 who have been drunk in the last 30 days between 2024/25 and 2025/26.',
    )
    expect(describeChange(suppressed, who5, 'da')).toBe(
      'Der er for få besvarelser til at sammenligne gennemsnittet for trivsel (WHO-5-indeks) blandt eleverne mellem 2024/25 og 2025/26.',
    )
    expect(
      describeChange(
        suppressed,
        { ...who5, measureLabel: { da: 'Trivsel', en: 'Wellbeing' }, labelForm: 'heading' },
        'en',
      ),
    ).toBe(
      'Wellbeing: there are too few answers to compare the average among pupils between 2024/25 and 2025/26.',
    )
  })

  it('says why a comparison cannot be tested, in words and without the numbers of the reason', () => {
    const noVariation: MeasureChange = {
      kind: 'insufficient',
      measure: 'indicator.drunk-30d',
      reason: 'no variation: every respondent in both groups gave the same answer',
    }
    expect(describeChange(noVariation, drunk, 'da')).toBe(
      'Andelen af elever i 9. klasse, der har været fulde inden for de seneste 30 dage, kan ikke sammenlignes mellem 2024/25 og 2025/26, fordi alle besvarelser er ens i både 2024/25 og 2025/26.',
    )
    expect(describeChange(noVariation, drunk, 'en')).toBe(
      'The share of pupils in grade 9 who have been drunk in the last 30 days cannot be compared between 2024/25 and 2025/26 because all answers are the same in both 2024/25 and 2025/26.',
    )
    const tooFewValues: MeasureChange = {
      kind: 'insufficient',
      measure: 'who5.index',
      reason: 'each group needs at least 2 values (n = 1 and 3)',
    }
    expect(describeChange(tooFewValues, who5, 'en')).toBe(
      'The average for wellbeing (WHO-5 index) among pupils cannot be compared between 2024/25 and 2025/26 because there are too few answers.',
    )
    const empty: MeasureChange = { ...tooFewValues, reason: 'a group has no respondents (n = 0)' }
    expect(describeChange(empty, who5, 'da')).toBe(
      'Gennemsnittet for trivsel (WHO-5-indeks) blandt eleverne kan ikke sammenlignes mellem 2024/25 og 2025/26, fordi der mangler besvarelser fra den ene.',
    )
    const unknown: MeasureChange = { ...tooFewValues, reason: 'something new (n = 7)' }
    expect(describeChange(unknown, who5, 'da')).toBe(
      'Gennemsnittet for trivsel (WHO-5-indeks) blandt eleverne kan ikke sammenlignes mellem 2024/25 og 2025/26, fordi besvarelserne ikke giver grundlag for en statistisk test.',
    )
  })
})

describe('describeChanges', () => {
  const many = (real: number, noise: number, suppressed = 0, insufficient = 0): MeasureChange[] => [
    ...Array.from({ length: real }, () => tested(0.3, 0.2, 'real-change')),
    ...Array.from({ length: noise }, () => tested(0.3, 0.28, 'within-normal-variation')),
    ...Array.from({ length: suppressed }, (): MeasureChange => ({
      kind: 'suppressed',
      measure: 'm',
      reason: 'too-few',
    })),
    ...Array.from({ length: insufficient }, (): MeasureChange => ({
      kind: 'insufficient',
      measure: 'm',
      reason: 'no variation: every value in both groups is the same',
    })),
  ]

  it('counts the real changes among the measures that could be tested', () => {
    expect(describeChanges(many(3, 37), 'da')).toBe(
      '3 af 40 mål ændrede sig reelt; resten er inden for normal variation.',
    )
    expect(describeChanges(many(3, 37), 'en')).toBe(
      '3 of 40 measures changed for real; the rest are within normal variation.',
    )
  })

  it('counts suppressed and untestable measures separately', () => {
    expect(describeChanges(many(3, 35, 2), 'da')).toBe(
      '3 af 38 mål ændrede sig reelt; resten er inden for normal variation. 2 mål kunne ikke sammenlignes på grund af for få besvarelser.',
    )
    expect(describeChanges(many(3, 34, 2, 1), 'en')).toBe(
      '3 of 37 measures changed for real; the rest are within normal variation. 2 measures could not be compared because there were too few answers. 1 measure could not be compared statistically.',
    )
  })

  it('says so plainly when nothing, or everything, changed for real', () => {
    expect(describeChanges(many(0, 12, 1), 'da')).toBe(
      'Ingen af de 12 mål ændrede sig reelt; alle er inden for normal variation. 1 mål kunne ikke sammenlignes på grund af for få besvarelser.',
    )
    expect(describeChanges(many(0, 1), 'en')).toBe(
      'The measure did not change for real; the difference is within normal variation.',
    )
    expect(describeChanges(many(2, 0), 'da')).toBe('Alle 2 mål ændrede sig reelt.')
    expect(describeChanges(many(0, 0, 4), 'en')).toBe(
      '4 measures could not be compared because there were too few answers.',
    )
    expect(describeChanges([], 'da')).toBe('Der er ingen mål at sammenligne.')
  })
})

describe('from compareWaves to text', () => {
  it('describes a real fall found by the z-test', () => {
    // 45/100 → 30/100: z-test p = 0.02846 (see compare-waves.test.ts), the only measure so
    // adjusted p = p < 0.05; Cohen's h = 2·asin√0.30 − 2·asin√0.45 = −0.311 (cohens-h example), small.
    const [change] = compareWaves(
      [
        {
          measure: 'indicator.drunk-30d',
          kind: 'proportion',
          baseline: { key: 'g', n: 100, sum: 45, sumOfSquares: 45 },
          followUp: { key: 'g', n: 100, sum: 30, sumOfSquares: 30 },
        },
      ],
      5,
    )
    expect(describeChange(change as MeasureChange, drunk, 'da')).toBe(
      `Andelen af elever i 9. klasse, der har været fulde inden for de seneste 30 dage, faldt fra 45${NBSP}% til 30${NBSP}% (2024/25 til 2025/26). Det er en reel ændring (lille effekt).`,
    )
  })
})

describe('describeChange, a school against the rest of the municipality', () => {
  const school: ChangeSubject = {
    ...drunk,
    population: undefined,
    fromLabel: { da: 'resten af kommunen', en: 'the rest of the municipality' },
    toLabel: { da: 'Havneskolen', en: 'Havneskolen' },
    comparison: 'groups',
  }

  it('gives both groups’ figures at the same time and calls a real one a difference, not a change', () => {
    expect(describeChange(tested(0.25, 0.3, 'real-change', 'small'), school, 'da')).toBe(
      `Andelen af eleverne, der har været fulde inden for de seneste 30 dage, er 30${NBSP}% for Havneskolen og 25${NBSP}% for resten af kommunen. Forskellen er reel (lille effekt).`,
    )
    expect(describeChange(tested(0.25, 0.27, 'within-normal-variation'), school, 'en')).toBe(
      'The share of pupils who have been drunk in the last 30 days is 27% for Havneskolen and 25% for the rest of the municipality. The difference is within normal variation.',
    )
  })
})
