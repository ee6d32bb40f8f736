/**
 * A SurveyJS construct the compiled answer validator cannot check exactly as survey-core does.
 * Compiling refuses the whole questionnaire rather than pass answers it does not understand.
 */
export class UnsupportedConstructError extends Error {
  constructor(
    /** Where the construct sits, e.g. `question "q1"`, `page "p2"` or `the survey`. */
    readonly where: string,
    /** What is not supported, e.g. `property "requiredIf"`. */
    readonly construct: string,
  ) {
    super(`${where} uses ${construct}, which the answer validator does not support`)
    this.name = 'UnsupportedConstructError'
  }
}
