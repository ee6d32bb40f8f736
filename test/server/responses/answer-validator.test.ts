import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Model } from 'survey-core'
import { describe, expect, it } from 'vitest'
import {
  compileAnswerValidator,
  UnsupportedConstructError,
  type AnswerProblem,
} from '../../../server/responses/answer-validator.ts'
import { listQuestions } from '../../../survey-definitions/definition-check.ts'

const page = (elements: object[], extra: object = {}) => ({ name: 'p', elements, ...extra })
const survey = (...elements: object[]) => ({ pages: [page(elements)] })
const reasons = (problems: AnswerProblem[]) => problems.map((p) => `${p.question}: ${p.reason}`)

const grade = {
  type: 'radiogroup',
  name: 'grade',
  isRequired: true,
  choices: [1, 2, 3, 4].map((value) => ({ value, text: { default: `${value}`, da: `${value}.` } })),
}

describe('compileAnswerValidator', () => {
  it('compiles our questionnaire and knows every question that holds an answer', () => {
    const file = new URL('../../../survey-definitions/ssp-7-9/questionnaire.json', import.meta.url)
    const json = JSON.parse(readFileSync(fileURLToPath(file), 'utf8'))
    const validator = compileAnswerValidator(json)
    expect([...validator.questionNames]).toEqual(listQuestions(json).map((q) => q.name))
  })

  describe('unknown keys', () => {
    const validator = compileAnswerValidator(survey(grade, { type: 'html', name: 'intro' }))

    it('refuses names that are not questions, in both modes', () => {
      for (const mode of ['draft', 'complete'] as const) {
        expect(validator.validate({ grade: 1, Grade: 1, intro: 'x' }, mode)).toEqual([
          {
            question: 'Grade',
            reason: 'unknown-question',
            message: 'There is no question "Grade" in this questionnaire.',
          },
          {
            question: 'intro',
            reason: 'unknown-question',
            message: 'There is no question "intro" in this questionnaire.',
          },
        ])
      }
    })

    it('treats __proto__, constructor and a -Comment without an "Other" item as unknown', () => {
      const answers = JSON.parse(
        '{"__proto__": {"grade": 1}, "constructor": 1, "grade-Comment": "x"}',
      )
      expect(reasons(validator.validate(answers, 'draft'))).toEqual([
        '__proto__: unknown-question',
        'constructor: unknown-question',
        'grade-Comment: unknown-question',
      ])
      expect(({} as Record<string, unknown>).grade).toBeUndefined()
    })
  })

  describe('domains', () => {
    it('names the choices a radiogroup offers', () => {
      const validator = compileAnswerValidator(survey(grade))
      expect(validator.validate({ grade: 7 }, 'draft')).toEqual([
        {
          question: 'grade',
          reason: 'not-a-choice',
          message: 'Answer 7 is not one of the choices (1, 2, 3, 4).',
        },
      ])
      expect(reasons(validator.validate({ grade: '1' }, 'draft'))).toEqual(['grade: not-a-choice'])
      expect(validator.validate({ grade: [1] }, 'draft')[0]).toMatchObject({
        reason: 'wrong-type',
        message: 'The answer must be a single choice, not a list.',
      })
    })

    it('refuses a rating outside its scale or between its steps as not one of its choices', () => {
      const validator = compileAnswerValidator(
        survey(
          { type: 'rating', name: 'plain' },
          { type: 'rating', name: 'listed', rateValues: [{ value: 1, text: 'Low' }, 3, 5] },
        ),
      )
      expect(validator.validate({ plain: 6, listed: 2 }, 'draft')).toEqual([
        {
          question: 'plain',
          reason: 'not-a-choice',
          message: 'Answer 6 is not one of the choices (1, 2, 3, 4, 5).',
        },
        {
          question: 'listed',
          reason: 'not-a-choice',
          message: 'Answer 2 is not one of the choices (1, 3, 5).',
        },
      ])
      expect(validator.validate({ plain: 5, listed: 3 }, 'draft')).toEqual([])
    })

    it("offers exactly survey-core's rating values, whatever mix of settings is used", () => {
      const settings = [
        {},
        { rateMin: 0, rateMax: 10 },
        { rateMin: 0, rateMax: 2, rateStep: 0.5 },
        { rateMin: 0.1, rateMax: 0.5, rateStep: 0.1 },
        { rateMin: 1, rateMax: 100 },
        { rateCount: 7, rateMax: 7 },
        { rateCount: 4, rateMin: 0 },
        { rateMin: 1, rateMax: 15, rateType: 'smileys' },
        { rateValues: ['a', 'b'], autoGenerate: false },
        { rateValues: [1, 2, 3], autoGenerate: true, rateMax: 3 },
        { rateValues: [], rateMax: 3 },
      ]
      for (const setting of settings) {
        const json = survey({ type: 'rating', name: 'r', ...setting })
        const offered = (new Model(json).getQuestionByName('r') as any).visibleRateValues.map(
          (item: { value: unknown }) => item.value,
        )
        const validator = compileAnswerValidator(json)
        for (const value of offered) expect(validator.validate({ r: value }, 'draft')).toEqual([])
        const numbers = offered.filter((v: unknown) => typeof v === 'number')
        for (const value of [Math.min(...numbers) - 1, Math.max(...numbers) + 1, 0.25, 'a ']) {
          if (!offered.includes(value)) {
            expect(validator.validate({ r: value }, 'draft'), JSON.stringify(setting)).toHaveLength(
              1,
            )
          }
        }
      }
    })

    it('caps text at maxLength, else at the survey maxTextLength, else at 2000 characters', () => {
      const validator = compileAnswerValidator({
        pages: [
          page([
            { type: 'text', name: 'own', maxLength: 5 },
            { type: 'comment', name: 'c' },
          ]),
        ],
      })
      expect(validator.validate({ own: 'abcdef', c: 'x'.repeat(2000) }, 'draft')).toEqual([
        {
          question: 'own',
          reason: 'too-long',
          message: 'The answer is 6 characters long; at most 5 are allowed.',
        },
      ])
      expect(reasons(validator.validate({ c: 'x'.repeat(2001) }, 'draft'))).toEqual(['c: too-long'])
      const capped = compileAnswerValidator({
        maxTextLength: 3,
        ...survey({ type: 'text', name: 't' }),
      })
      expect(reasons(capped.validate({ t: 'abcd' }, 'draft'))).toEqual(['t: too-long'])
    })

    it('wants a finite number within min and max from a number input', () => {
      const validator = compileAnswerValidator(
        survey({ type: 'text', name: 'age', inputType: 'number', min: 10, max: 20 }),
      )
      expect(validator.validate({ age: 21 }, 'draft')).toEqual([
        { question: 'age', reason: 'out-of-range', message: 'Answer 21 is above the maximum 20.' },
      ])
      expect(reasons(validator.validate({ age: 9.5 }, 'draft'))).toEqual(['age: out-of-range'])
      expect(validator.validate({ age: '15' }, 'draft')).toEqual([
        {
          question: 'age',
          reason: 'wrong-type',
          message: 'The answer must be a number, not a string.',
        },
      ])
      expect(validator.validate({ age: 10 }, 'complete')).toEqual([])
    })

    it("checks an e-mail input as survey-core's EmailValidator does", () => {
      const validator = compileAnswerValidator(
        survey({ type: 'text', name: 'm', inputType: 'email' }),
      )
      expect(validator.validate({ m: 'pupil@example.dk' }, 'draft')).toEqual([])
      expect(reasons(validator.validate({ m: 'pupil@' }, 'draft'))).toEqual(['m: wrong-type'])
    })

    it('wants booleans, or valueTrue/valueFalse when they are set', () => {
      const validator = compileAnswerValidator(
        survey(
          { type: 'boolean', name: 'b' },
          { type: 'boolean', name: 'yn', valueTrue: 'yes', valueFalse: 'no' },
        ),
      )
      expect(validator.validate({ b: false, yn: 'no' }, 'complete')).toEqual([])
      expect(reasons(validator.validate({ b: 'true', yn: true }, 'draft'))).toEqual([
        'b: not-a-choice',
        'yn: not-a-choice',
      ])
    })

    it('wants a checkbox answer as a list of distinct choices, "none" alone', () => {
      const validator = compileAnswerValidator(
        survey({ type: 'checkbox', name: 'c', choices: ['a', 'b'], showNoneItem: true }),
      )
      expect(validator.validate({ c: ['b', 'a'] }, 'draft')).toEqual([])
      expect(validator.validate({ c: ['none'] }, 'draft')).toEqual([])
      for (const wrong of ['a', ['a', 'a'], ['a', 'none'], ['c'], [null]]) {
        expect(validator.validate({ c: wrong }, 'draft'), JSON.stringify(wrong)).toHaveLength(1)
      }
    })

    it('accepts "other" with its text under <name>-Comment, and requires the text on completion', () => {
      const validator = compileAnswerValidator(
        survey({ type: 'checkbox', name: 'how', choices: ['Email', 'Other'], hasOther: true }),
      )
      expect(
        validator.validate({ how: ['Other', 'other'], 'how-Comment': 'Discord' }, 'complete'),
      ).toEqual([])
      expect(validator.validate({ how: ['other'] }, 'draft')).toEqual([])
      expect(validator.validate({ how: ['other'] }, 'complete')).toEqual([
        {
          question: 'how',
          reason: 'required',
          message: '"Other" is chosen, so its text (how-Comment) must be filled in.',
        },
      ])
      expect(reasons(validator.validate({ 'how-Comment': 5 }, 'draft'))).toEqual([
        'how-Comment: wrong-type',
      ])
    })

    it('wants a matrix answer as rows mapped to columns', () => {
      const validator = compileAnswerValidator(
        survey({ type: 'matrix', name: 'm', rows: ['r1', 2], columns: ['good', 'bad'] }),
      )
      expect(validator.validate({ m: { r1: 'good', 2: 'bad' } }, 'complete')).toEqual([])
      expect(validator.validate({ m: { r3: 'good' } }, 'draft')).toEqual([
        {
          question: 'm',
          reason: 'not-a-choice',
          message: 'Row "r3" is not one of the rows ("r1", 2).',
        },
      ])
      expect(reasons(validator.validate({ m: { r1: 'fine' } }, 'draft'))).toEqual([
        'm: not-a-choice',
      ])
      expect(reasons(validator.validate({ m: ['good'] }, 'draft'))).toEqual(['m: wrong-type'])
    })
  })

  describe('visibility and required answers', () => {
    const json = {
      pages: [
        page([
          grade,
          { type: 'radiogroup', name: 'smokes', choices: ['yes', 'no'], isRequired: true },
        ]),
        page(
          [
            {
              type: 'panel',
              name: 'older',
              visibleIf: '{grade} >= 3',
              elements: [{ type: 'rating', name: 'often', isRequired: true }],
            },
            { type: 'boolean', name: 'quit', isRequired: true, visibleIf: "{smokes} = 'yes'" },
          ],
          { name: 'smoking', visibleIf: "{smokes} anyof ['yes', 'sometimes']" },
        ),
      ],
    }
    const validator = compileAnswerValidator(json)

    it('passes a missing required answer to a question hidden by visibleIf', () => {
      expect(validator.validate({ grade: 1, smokes: 'no' }, 'complete')).toEqual([])
    })

    it('requires a shown required question on completion, not in a draft', () => {
      expect(validator.validate({ grade: 4, smokes: 'yes' }, 'complete')).toEqual([
        { question: 'often', reason: 'required', message: 'This question must be answered.' },
        { question: 'quit', reason: 'required', message: 'This question must be answered.' },
      ])
      expect(validator.validate({ grade: 4, smokes: 'yes' }, 'draft')).toEqual([])
      expect(
        validator.validate({ grade: 4, smokes: 'yes', often: 2, quit: false }, 'complete'),
      ).toEqual([])
    })

    it('hides a whole page with its visibleIf', () => {
      expect(validator.validate({ grade: 4, smokes: 'no', often: 3 }, 'complete')).toEqual([
        {
          question: 'often',
          reason: 'hidden',
          message: 'This question is not shown for the answers given, so it must not be answered.',
        },
      ])
    })

    it('allows an answer to a hidden question in a draft: the pupil may change back', () => {
      expect(validator.validate({ grade: 1, smokes: 'no', often: 3, quit: true }, 'draft')).toEqual(
        [],
      )
      expect(
        reasons(validator.validate({ grade: 1, smokes: 'no', quit: true }, 'complete')),
      ).toEqual(['quit: hidden'])
    })

    it('counts blank text as no answer, as survey-core does', () => {
      const blank = compileAnswerValidator(survey({ type: 'text', name: 't', isRequired: true }))
      expect(reasons(blank.validate({ t: '  ' }, 'complete'))).toEqual(['t: required'])
      expect(reasons(blank.validate({}, 'complete'))).toEqual(['t: required'])
    })

    it('wants at least one row of a required matrix, and every row with isAllRowRequired', () => {
      const matrix = { type: 'matrix', name: 'm', rows: ['a', 'b'], columns: [1, 2] }
      const some = compileAnswerValidator(survey({ ...matrix, isRequired: true }))
      expect(reasons(some.validate({ m: {} }, 'complete'))).toEqual(['m: required'])
      expect(some.validate({ m: { a: 1 } }, 'complete')).toEqual([])
      const all = compileAnswerValidator(survey({ ...matrix, isAllRowRequired: true }))
      expect(all.validate({ m: { a: 1 } }, 'complete')).toEqual([
        { question: 'm', reason: 'required', message: 'Every row must be answered; missing: "b".' },
      ])
    })

    it('evaluates calculated values, in dependency order, for the conditions', () => {
      const withCalculations = compileAnswerValidator({
        calculatedValues: [
          { name: 'score', expression: '{total} * 2' },
          { name: 'total', expression: 'sum({a}, {b})' },
        ],
        pages: [
          page([
            { type: 'rating', name: 'a' },
            { type: 'rating', name: 'b' },
            { type: 'comment', name: 'why', isRequired: true, visibleIf: '{score} > 10' },
          ]),
        ],
      })
      expect(withCalculations.validate({ a: 2, b: 3 }, 'complete')).toEqual([])
      expect(reasons(withCalculations.validate({ a: 3, b: 3 }, 'complete'))).toEqual([
        'why: required',
      ])
    })

    it('wants what an expression question or an included calculated value computes, or nothing', () => {
      const computed = compileAnswerValidator({
        calculatedValues: [{ name: 'sum', expression: '{a} + {b}', includeIntoResult: true }],
        ...survey(
          { type: 'rating', name: 'a' },
          { type: 'rating', name: 'b' },
          { type: 'expression', name: 'verdict', expression: "iif({sum} > 5, 'high', '')" },
        ),
      })
      expect(computed.validate({ a: 3, b: 3, sum: 6, verdict: 'high' }, 'complete')).toEqual([])
      expect(computed.validate({ a: 1, b: 1, sum: 2 }, 'complete')).toEqual([])
      expect(computed.validate({ a: 1, b: 1, sum: 3, verdict: 'high' }, 'complete')).toEqual([
        {
          question: 'sum',
          reason: 'not-a-choice',
          message: 'The questionnaire computes 2 here, not 3.',
        },
        {
          question: 'verdict',
          reason: 'not-a-choice',
          message: 'The questionnaire computes no value here, so none may be sent.',
        },
      ])
    })
  })

  describe('refuses what it cannot check exactly, naming the question and the construct', () => {
    const cases: [string, object, RegExp][] = [
      [
        'requiredIf',
        survey({ ...grade, requiredIf: '{x} = 1' }),
        /question "grade" uses property "requiredIf"/,
      ],
      [
        'enableIf',
        survey({ ...grade, enableIf: '{x} = 1' }),
        /question "grade" uses property "enableIf"/,
      ],
      [
        'validators',
        survey({ ...grade, validators: [{ type: 'numeric' }] }),
        /"grade" uses property "validators"/,
      ],
      [
        'choicesByUrl',
        survey({ ...grade, choicesByUrl: { url: 'x' } }),
        /"grade" uses property "choicesByUrl"/,
      ],
      [
        'choicesFromQuestion',
        survey({ ...grade, choicesFromQuestion: 'q' }),
        /property "choicesFromQuestion"/,
      ],
      [
        'choicesVisibleIf',
        survey({ ...grade, choicesVisibleIf: '{item} > 1' }),
        /property "choicesVisibleIf"/,
      ],
      [
        'a choice visibleIf',
        survey({ type: 'dropdown', name: 'd', choices: [{ value: 1, visibleIf: 'true' }] }),
        /question "d" uses property "visibleIf" on an item of "choices"/,
      ],
      [
        'paneldynamic',
        survey({ type: 'paneldynamic', name: 'pd', templateElements: [] }),
        /question "pd" uses question type "paneldynamic"/,
      ],
      [
        'matrixdynamic',
        survey({ type: 'matrixdynamic', name: 'md' }),
        /question "md" uses question type "matrixdynamic"/,
      ],
      [
        'matrixdropdown',
        survey({ type: 'matrixdropdown', name: 'mm' }),
        /question "mm" uses question type "matrixdropdown"/,
      ],
      ['file', survey({ type: 'file', name: 'f' }), /question "f" uses question type "file"/],
      [
        'signaturepad',
        survey({ type: 'signaturepad', name: 's' }),
        /question "s" uses question type "signaturepad"/,
      ],
      [
        'a date input',
        survey({ type: 'text', name: 'd', inputType: 'date' }),
        /question "d" uses inputType "date"/,
      ],
      [
        'a value-setting trigger',
        {
          triggers: [{ type: 'setvalue', expression: '{a} = 1', setToName: 'b' }],
          ...survey(grade),
        },
        /the survey uses property "triggers"/,
      ],
      [
        'a required panel',
        survey({ type: 'panel', name: 'box', isRequired: true, elements: [grade] }),
        /panel "box" uses property "isRequired"/,
      ],
      [
        'a page requiredIf',
        { pages: [page([grade], { name: 'p1', requiredIf: '{a} = 1' })] },
        /page "p1" uses property "requiredIf"/,
      ],
      [
        '"Other" stored in the value',
        { storeOthersAsComment: false, ...survey(grade) },
        /the survey uses property "storeOthersAsComment"/,
      ],
      [
        'hidden answers kept on completion',
        { clearInvisibleValues: 'none', ...survey(grade) },
        /property "clearInvisibleValues"/,
      ],
      [
        'a clock in a condition',
        survey({ ...grade, visibleIf: 'age({birth}) > 12' }),
        /question "grade" uses the function age\(\)/,
      ],
      [
        'a variable that is no question',
        survey({ ...grade, visibleIf: '{pupilAge} > 12' }),
        /question "grade" uses \{pupilAge\}/,
      ],
      ['a built-in variable', survey({ ...grade, visibleIf: '{pageno} > 1' }), /uses \{pageno\}/],
      [
        'a condition that does not parse',
        survey({ ...grade, visibleIf: '{a} = = 1' }),
        /which does not parse/,
      ],
      [
        'names only case tells apart',
        survey(grade, { ...grade, name: 'Grade' }),
        /question "Grade" uses the name "Grade"/,
      ],
      ['the name __proto__', survey({ ...grade, name: '__proto__' }), /the name "__proto__"/],
      [
        'a calculated value cycle',
        {
          calculatedValues: [
            { name: 'a', expression: '{b}' },
            { name: 'b', expression: '{a}' },
          ],
          ...survey(grade),
        },
        /calculated value "a" uses a cycle/,
      ],
    ]
    it.each(cases)('%s', (_, json, message) => {
      expect(() => compileAnswerValidator(json as Record<string, unknown>)).toThrow(
        UnsupportedConstructError,
      )
      expect(() => compileAnswerValidator(json as Record<string, unknown>)).toThrow(message)
    })
  })
})
