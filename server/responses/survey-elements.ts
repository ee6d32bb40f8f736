import { show, type TextLimits } from './answer-domains.ts'
import { UnsupportedConstructError } from './unsupported-construct-error.ts'

type Json = Record<string, unknown>

/** One `visible`/`visibleIf` pair of a page, panel or question; shared by all it contains. */
export interface Gate {
  where: string
  /** survey-core sets `visible` from `visibleIf` whenever it runs conditions, so it wins. */
  visibleIf?: string
  visible: boolean
}

/** A question that holds a value (including `expression`), with the gates that may hide it. */
export interface SurveyQuestion {
  name: string
  type: string
  json: Json
  where: string
  /** From the page inwards; the question's own gate last. */
  gates: Gate[]
}

export interface SurveyElements {
  questions: SurveyQuestion[]
  calculatedValues: Json[]
  limits: TextLimits
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Property names written as lines of space-separated words. */
const words = (...lines: string[]): string[] => lines.join(' ').split(' ')

const SELECT_PROPERTIES = words(
  'choices choicesOrder colCount separateSpecialChoices showOtherItem hasOther otherText',
  'otherPlaceholder otherPlaceHolder otherErrorText showNoneItem hasNone noneText',
)

/** What each type's domain (answer-domains.ts) reads, by type; with the shown-but-inert ones. */
const VALUE_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  radiogroup: [...SELECT_PROPERTIES, 'allowClear', 'showClearButton'],
  dropdown: SELECT_PROPERTIES.concat(
    words(
      'allowClear showOptionsCaption optionsCaption searchEnabled searchMode textWrapEnabled',
      'autocomplete autoComplete',
    ),
  ),
  checkbox: [...SELECT_PROPERTIES, 'showSelectAllItem', 'hasSelectAll', 'selectAllText'],
  rating: words(
    'rateValues rateMin rateMax rateStep rateCount autoGenerate rateType rateDisplayMode',
    'scaleColorMode rateColorMode minRateDescription maxRateDescription displayMode',
    'displayRateDescriptionsAsExtremeItems rateDescriptionLocation',
  ),
  boolean: words('valueTrue valueFalse label labelTrue labelFalse swapOrder renderAs'),
  text: words(
    'inputType maxLength min max minErrorText maxErrorText size inputSize textUpdateMode',
    'autocomplete autoComplete dataList inputTextAlignment',
  ),
  comment: words('maxLength rows cols textUpdateMode autoGrow allowResize'),
  matrix: words(
    'rows columns isAllRowRequired eachRowRequired rowsOrder rowOrder columnMinWidth',
    'rowTitleWidth alternateRows showHeader verticalAlign cells displayMode',
  ),
}

/** Properties that only change how a survey looks or is navigated, never which answers are valid. */
const SURVEY_PROPERTIES = new Set(
  words(
    'locale title description logo logoWidth logoHeight logoFit logoPosition',
    'focusFirstQuestionAutomatic autoFocusFirstQuestion focusOnFirstError',
    'autoFocusFirstError completedHtml completedBeforeHtml completedHtmlOnCondition',
    'loadingHtml sjsVersion $schema surveyId surveyPostId surveyShowDataSaving cookieName',
    'sendResultOnPageNext partialSendEnabled showNavigationButtons',
    'navigationButtonsLocation showPrevButton showTitle showPageTitles showCompletedPage',
    'showCompletePage navigateToUrl navigateToUrlOnCondition questionsOrder questionOrder',
    'showPageNumbers showQuestionNumbers questionTitleLocation',
    'questionDescriptionLocation questionErrorLocation showProgressBar',
    'progressBarLocation progressBarType progressBarShowPageTitles',
    'progressBarShowPageNumbers progressBarInheritWidthFrom showTOC tocLocation',
    'goNextPageAutomatic autoAdvanceEnabled allowCompleteSurveyAutomatic',
    'autoAdvanceAllowComplete checkErrorsMode validateVisitedEmptyFields textUpdateMode',
    'autoGrowComment allowResizeComment commentAreaRows startSurveyText pagePrevText',
    'pageNextText completeText previewText editText requiredText requiredMark',
    'questionStartIndex questionTitlePattern questionTitleTemplate',
    'showPreviewBeforeComplete previewMode widthMode width gridLayoutEnabled',
    'fitToContainer headerView backgroundImage backgroundImageFit',
    'backgroundImageAttachment backgroundOpacity showBrandInfo pages elements',
    'calculatedValues maxTextLength maxCommentLength maxOthersLength',
  ),
)
const CONTAINER_PROPERTIES = new Set(
  words(
    'name elements visible visibleIf title description questionTitleWidth',
    'questionTitleLocation gridLayoutColumns questionsOrder questionOrder',
    'questionErrorLocation state requiredErrorText startWithNewLine width minWidth',
    'maxWidth colSpan effectiveColSpan innerIndent indent showNumber showQuestionNumbers',
    'questionStartIndex allowAdaptiveActions navigationTitle navigationDescription',
    'showNavigationButtons navigationButtonsVisibility',
  ),
)
const PANEL_PROPERTIES = new Set([...CONTAINER_PROPERTIES, 'type'])
const QUESTION_PROPERTIES = new Set(
  words(
    'type name visible visibleIf isRequired title description descriptionLocation',
    'titleLocation showTitle hideNumber showNumber startWithNewLine width minWidth',
    'maxWidth colSpan effectiveColSpan indent state requiredErrorText errorLocation',
    'useDisplayValuesInTitle useDisplayValuesInDynamicTexts correctAnswer',
    'defaultDisplayValue placeholder placeHolder commentText commentPlaceholder',
    'commentPlaceHolder',
    // Only pre-fills the form; what arrives is checked like any answer.
    'defaultValue',
  ),
)
const OTHER_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  expression: words(
    'expression format displayStyle currency maximumFractionDigits minimumFractionDigits',
    'useGrouping',
  ),
  html: ['html'],
  image: words('imageLink altText text contentMode imageFit imageHeight imageWidth'),
}

/** Semantic properties accepted only at the value that leaves survey-core's behaviour unchanged. */
const NEUTRAL_VALUES: Readonly<Record<string, (value: unknown) => boolean>> = {
  readOnly: (v) => v === false,
  enableIf: (v) => v === '',
  requiredIf: (v) => v === '',
  validators: (v) => Array.isArray(v) && v.length === 0,
  triggers: (v) => Array.isArray(v) && v.length === 0,
  showCommentArea: (v) => v === false,
  hasComment: (v) => v === false,
  hideIfChoicesEmpty: (v) => v === false,
  storeOthersAsComment: (v) => v === true || v === 'default',
  minSelectedChoices: (v) => v === 0,
  maxSelectedChoices: (v) => v === 0,
  eachRowUnique: (v) => v === false,
  hideIfRowsEmpty: (v) => v === false,
  allowCustomChoices: (v) => v === false,
  showRefuseItem: (v) => v === false,
  showDontKnowItem: (v) => v === false,
  isRequired: (v) => v === false,
  mode: (v) => v === 'edit',
  questionsOnPageMode: (v) => v === 'standard',
  isSinglePage: (v) => v === false,
  firstPageIsStarted: (v) => v === false,
  firstPageIsStartPage: (v) => v === false,
  timeLimit: (v) => v === 0,
  maxTimeToFinish: (v) => v === 0,
  timeLimitPerPage: (v) => v === 0,
  maxTimeToFinishPage: (v) => v === 0,
  // Hidden answers must be gone by completion: cleared on completion (the default) or on hiding.
  clearInvisibleValues: (v) => v === 'onComplete' || v === 'onHidden' || v === 'onHiddenContainer',
  clearIfInvisible: (v) =>
    ['default', 'onComplete', 'onHidden', 'onHiddenContainer'].includes(v as string),
}

function vetProperties(json: Json, allowed: ReadonlySet<string>, where: string): void {
  for (const [key, value] of Object.entries(json)) {
    if (allowed.has(key) || NEUTRAL_VALUES[key]?.(value) === true) continue
    throw new UnsupportedConstructError(where, `property "${key}" (${show(value)})`)
  }
}

function gateOf(json: Json, where: string): Gate {
  const { visible = true, visibleIf } = json
  if (typeof visible !== 'boolean')
    throw new UnsupportedConstructError(where, 'a non-boolean "visible"')
  if (visibleIf !== undefined && typeof visibleIf !== 'string') {
    throw new UnsupportedConstructError(where, 'a non-text "visibleIf"')
  }
  return visibleIf?.trim() ? { where, visibleIf, visible } : { where, visible }
}

function limitOf(survey: Json, key: string): number {
  const value = survey[key] ?? 0
  if (typeof value !== 'number')
    throw new UnsupportedConstructError('the survey', `a non-numeric "${key}"`)
  return value
}

/**
 * Lists the value-holding questions of a SurveyJS definition in page order with the gates that
 * decide whether each is shown, after checking that every property is one the validator honours.
 * @throws {UnsupportedConstructError} naming the first element and property it cannot honour.
 */
export function walkSurvey(survey: Json): SurveyElements {
  vetProperties(survey, SURVEY_PROPERTIES, 'the survey')
  const questions: SurveyQuestion[] = []
  const visit = (elements: unknown, gates: Gate[], where: string): void => {
    if (elements === undefined) return
    if (!Array.isArray(elements)) throw new UnsupportedConstructError(where, 'non-list "elements"')
    for (const element of elements) {
      if (!isObject(element))
        throw new UnsupportedConstructError(where, 'an element that is not an object')
      const { type, name } = element
      const label = `${type === 'panel' ? 'panel' : 'question'} ${JSON.stringify(name ?? '')}`
      if (type === 'panel') {
        vetProperties(element, PANEL_PROPERTIES, label)
        visit(element.elements, [...gates, gateOf(element, label)], label)
        continue
      }
      const own =
        typeof type === 'string' ? (VALUE_PROPERTIES[type] ?? OTHER_PROPERTIES[type]) : undefined
      if (own === undefined) {
        throw new UnsupportedConstructError(label, `question type ${JSON.stringify(type)}`)
      }
      vetProperties(element, new Set([...QUESTION_PROPERTIES, ...own]), label)
      if (element.isRequired !== undefined && typeof element.isRequired !== 'boolean') {
        throw new UnsupportedConstructError(label, 'a non-boolean "isRequired"')
      }
      if (type === 'html' || type === 'image') continue
      // survey-core trims names, so a padded name would not be the key its data uses.
      if (typeof name !== 'string' || name === '' || name !== name.trim()) {
        throw new UnsupportedConstructError(`${where}, ${label}`, 'a missing or padded name')
      }
      questions.push({
        name,
        type: type as string,
        json: element,
        where: label,
        gates: [...gates, gateOf(element, label)],
      })
    }
  }
  const pages =
    survey.pages ?? (survey.elements === undefined ? [] : [{ name: '', elements: survey.elements }])
  if (!Array.isArray(pages) || (survey.pages !== undefined && survey.elements !== undefined)) {
    throw new UnsupportedConstructError('the survey', 'pages that are not one list')
  }
  for (const page of pages) {
    if (!isObject(page))
      throw new UnsupportedConstructError('the survey', 'a page that is not an object')
    const where = `page ${JSON.stringify(page.name ?? '')}`
    vetProperties(page, CONTAINER_PROPERTIES, where)
    visit(page.elements, [gateOf(page, where)], where)
  }
  const calculatedValues = survey.calculatedValues ?? []
  if (!Array.isArray(calculatedValues) || !calculatedValues.every(isObject)) {
    throw new UnsupportedConstructError('the survey', 'malformed "calculatedValues"')
  }
  return {
    questions,
    calculatedValues,
    limits: {
      maxTextLength: limitOf(survey, 'maxTextLength'),
      maxCommentLength: Math.max(
        limitOf(survey, 'maxCommentLength'),
        limitOf(survey, 'maxOthersLength'),
      ),
    },
  }
}
