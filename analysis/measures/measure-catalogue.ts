import type {
  FactorDomain,
  FactorKind,
  LocalizedText,
  ScoringSpec,
} from '../../survey-definitions/scoring-spec.ts'
import type { MeasureKind } from '../aggregation/group-summary.ts'

/** One measure the stored scores hold, with what an analyst needs to read it. */
export interface MeasureDefinition {
  /** The id scores are stored under, e.g. `indicator.drunk-30d`, `factor.loneliness.present`. */
  id: string
  kind: MeasureKind
  /** Where it belongs in a report: the theme that lists it. */
  group: 'indicator' | 'factor' | 'factor-score' | 'who5' | 'factor-count' | 'concern'
  label: LocalizedText
  /** The exact definition in plain words: items, cut-point, denominator. */
  definition: LocalizedText
  /** Whether a higher value is worse or better; drives wording and colours. */
  polarity: 'higher-is-worse' | 'higher-is-better'
  factor?: { id: string; kind: FactorKind; domain: FactorDomain }
  /** The questionnaire items the measure is computed from. */
  items: string[]
}

const text = (da: string, en: string): LocalizedText => ({ da, en })

/**
 * Every measure a scoring spec produces (the ids analysis/scoring/score-response.ts stores),
 * with labels and definitions in Danish and English, in report order: indicators, protective
 * and risk factors, WHO-5, factor counts and the concern level.
 *
 * @param spec - the scoring spec of a questionnaire version
 * @returns the measures, each once
 * @example
 * measureCatalogue(spec).find((m) => m.id === 'who5.index')?.label.da // → 'Trivsel (WHO-5-indeks)'
 */
export function measureCatalogue(spec: ScoringSpec): MeasureDefinition[] {
  const measures: MeasureDefinition[] = spec.indicators.map((indicator) => ({
    id: `indicator.${indicator.id}`,
    kind: 'proportion',
    group: 'indicator',
    label: indicator.label,
    definition: text(
      `${indicator.description.da} Nævneren er de elever, der fik spørgsmålet (${indicator.item}) vist og besvarede det; svarværdier, der tæller: ${indicator.countedValues.join(', ')}.`,
      `${indicator.description.en} The denominator is the pupils who were shown the question (${indicator.item}) and answered it; answer values counted: ${indicator.countedValues.join(', ')}.`,
    ),
    polarity: indicator.polarity,
    items: [indicator.item],
  }))
  const factors = [...spec.factors].sort((a, b) =>
    a.kind === b.kind ? 0 : a.kind === 'protective' ? -1 : 1,
  )
  for (const factor of factors) {
    const items = factor.items.map((i) => i.item)
    const reversed = factor.items.filter((i) => i.reverse).map((i) => i.item)
    const share = Math.round((factor.minAnsweredShare ?? 0.5) * 100)
    const side = factor.direction === '>=' ? text('mindst', 'at least') : text('højst', 'at most')
    const polarity = factor.kind === 'risk' ? 'higher-is-worse' : 'higher-is-better'
    const reverseNote = reversed.length
      ? text(` Vendt skala: ${reversed.join(', ')}.`, ` Reverse-keyed: ${reversed.join(', ')}.`)
      : text('', '')
    measures.push({
      id: `factor.${factor.id}.present`,
      kind: 'proportion',
      group: 'factor',
      label: factor.label,
      definition: text(
        `${factor.description.da} Gennemsnit af ${items.join(', ')} (${factor.scale.min}–${factor.scale.max}) når mindst ${share} % af udsagnene er besvaret; ${factor.kind === 'risk' ? 'i risiko' : 'beskyttet'} ved et gennemsnit på ${side.da} ${String(factor.cutPoint).replace('.', ',')}.${reverseNote.da}`,
        `${factor.description.en} Mean of ${items.join(', ')} (${factor.scale.min}–${factor.scale.max}) when at least ${share}% of the items are answered; ${factor.kind === 'risk' ? 'at risk' : 'protected'} at a mean of ${side.en} ${factor.cutPoint}.${reverseNote.en}`,
      ),
      polarity,
      factor: { id: factor.id, kind: factor.kind, domain: factor.domain },
      items,
    })
    measures.push({
      id: `factor.${factor.id}.score`,
      kind: 'mean',
      group: 'factor-score',
      label: text(`${factor.label.da} (gennemsnitlig score)`, `${factor.label.en} (mean score)`),
      definition: text(
        `Gennemsnittet af elevernes score på ${items.join(', ')} (${factor.scale.min}–${factor.scale.max}).${reverseNote.da}`,
        `The mean of pupils' scores on ${items.join(', ')} (${factor.scale.min}–${factor.scale.max}).${reverseNote.en}`,
      ),
      polarity,
      factor: { id: factor.id, kind: factor.kind, domain: factor.domain },
      items,
    })
  }
  const who5 = spec.who5.items
  measures.push(
    {
      id: 'who5.index',
      kind: 'mean',
      group: 'who5',
      label: text('Trivsel (WHO-5-indeks)', 'Wellbeing (WHO-5 index)'),
      definition: text(
        `Fem udsagn om de sidste to uger, hver 0–5; summen gange 4 giver 0–100. Mangler, hvis et udsagn mangler (${who5.join(', ')}).`,
        `Five statements about the last two weeks, each 0–5; the sum times 4 gives 0–100. Missing if any statement is missing (${who5.join(', ')}).`,
      ),
      polarity: 'higher-is-better',
      items: [...who5],
    },
    {
      id: 'who5.reduced-wellbeing',
      kind: 'proportion',
      group: 'who5',
      label: text('Nedsat trivsel (WHO-5)', 'Reduced wellbeing (WHO-5)'),
      definition: text(
        `Andelen med et WHO-5-indeks på højst ${spec.who5.reducedWellbeingAtOrBelow}.`,
        `Share with a WHO-5 index of at most ${spec.who5.reducedWellbeingAtOrBelow}.`,
      ),
      polarity: 'higher-is-worse',
      items: [...who5],
    },
    {
      id: 'who5.likely-depression',
      kind: 'proportion',
      group: 'who5',
      label: text('Tegn på mulig depression (WHO-5)', 'Signs of possible depression (WHO-5)'),
      definition: text(
        `Andelen med et WHO-5-indeks på højst ${spec.who5.likelyDepressionAtOrBelow}. En screening, aldrig en diagnose.`,
        `Share with a WHO-5 index of at most ${spec.who5.likelyDepressionAtOrBelow}. A screening, never a diagnosis.`,
      ),
      polarity: 'higher-is-worse',
      items: [...who5],
    },
    {
      id: 'factors.risk-count',
      kind: 'mean',
      group: 'factor-count',
      label: text('Antal risikofaktorer', 'Number of risk factors'),
      definition: text(
        'Gennemsnitligt antal risikofaktorer, eleverne har.',
        'Mean number of risk factors present per pupil.',
      ),
      polarity: 'higher-is-worse',
      items: [],
    },
    {
      id: 'factors.protective-count',
      kind: 'mean',
      group: 'factor-count',
      label: text('Antal beskyttende faktorer', 'Number of protective factors'),
      definition: text(
        'Gennemsnitligt antal beskyttende faktorer, eleverne har.',
        'Mean number of protective factors present per pupil.',
      ),
      polarity: 'higher-is-better',
      items: [],
    },
    {
      id: 'factors.protective-share',
      kind: 'mean',
      group: 'factor-count',
      label: text('Andel beskyttende faktorer', 'Share of protective factors'),
      definition: text(
        'For hver elev: beskyttende faktorer til stede delt med de målte; her gennemsnittet.',
        'For each pupil: protective factors present divided by those measured; here the mean.',
      ),
      polarity: 'higher-is-better',
      items: [],
    },
    {
      id: 'concern-level',
      kind: 'mean',
      group: 'concern',
      label: text('Bekymringsniveau', 'Concern level'),
      definition: text(
        `Fire trin (1 trives, 2 begyndende bekymring, 3 bekymring, 4 alvorlig bekymring): 4 ved WHO-5 ≤ ${spec.concernLevels.serious.who5AtOrBelow} eller mindst ${spec.concernLevels.serious.riskFactorsAtLeast} risikofaktorer; 3 ved WHO-5 ≤ ${spec.concernLevels.concern.who5AtOrBelow} eller mindst ${spec.concernLevels.concern.riskFactorsAtLeast} risikofaktorer; 2 ved mindst ${spec.concernLevels.beginning.riskFactorsAtLeast} risikofaktor og højst ${spec.concernLevels.beginning.protectiveFactorsAtMost} beskyttende faktorer. Vises kun som andele af grupper.`,
        `Four steps (1 thriving, 2 beginning concern, 3 concern, 4 serious concern): 4 at WHO-5 ≤ ${spec.concernLevels.serious.who5AtOrBelow} or at least ${spec.concernLevels.serious.riskFactorsAtLeast} risk factors; 3 at WHO-5 ≤ ${spec.concernLevels.concern.who5AtOrBelow} or at least ${spec.concernLevels.concern.riskFactorsAtLeast} risk factors; 2 at at least ${spec.concernLevels.beginning.riskFactorsAtLeast} risk factor and at most ${spec.concernLevels.beginning.protectiveFactorsAtMost} protective factors. Shown only as shares of groups.`,
      ),
      polarity: 'higher-is-worse',
      items: [],
    },
  )
  return measures
}
