/**
 * The Okabe–Ito palette: eight colours that stay distinguishable with the common forms of colour
 * blindness (Okabe & Ito, Color Universal Design, 2008; Wong, Nature Methods 8:441, 2011).
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const

/**
 * Colours for unordered categories such as the series of a trend, in the order they are handed
 * out. Yellow and black come last: yellow is faint on white, black is kept for references.
 */
export const CATEGORICAL_COLOURS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.yellow,
  OKABE_ITO.black,
]

/** A group's own figure (a school's point, a response-rate bar). */
export const FIGURE_COLOUR = OKABE_ITO.blue

/** The reference a figure is read against: the municipality's rule, a comparison marker. */
export const REFERENCE_COLOUR = OKABE_ITO.black

/** Risk factors in a profile: the warm colour, so they read as "watch this". */
export const RISK_COLOUR = OKABE_ITO.vermillion

/** Protective factors in a profile. */
export const PROTECTIVE_COLOUR = OKABE_ITO.bluishGreen

/** A change called real (adjusted p < 0.05) in a dumbbell chart: strong. */
export const REAL_CHANGE_COLOUR = OKABE_ITO.blue

/** A change within normal variation: a grey that still passes 3:1 contrast on white. */
export const NORMAL_VARIATION_COLOUR = '#8C8C8C'

/** Explanatory text such as "for få besvarelser": dark grey, 7:1 contrast on white. */
export const NOTE_TEXT_COLOUR = '#595959'

/**
 * Concern levels 1–4 (thriving → serious concern), ColorBrewer's sequential OrRd with four classes,
 * which ColorBrewer marks colour-blind safe (Harrower & Brewer, The Cartographic Journal 40:27,
 * 2003). Ordered light to dark, so more concern reads as more ink.
 */
export const CONCERN_COLOURS: readonly [string, string, string, string] = [
  '#FEF0D9',
  '#FDCC8A',
  '#FC8D59',
  '#D7301F',
]
