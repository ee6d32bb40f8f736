/** A pupil's answers as stored: question name → value (numbers for every scored item). */
export type Answers = Readonly<Record<string, unknown>>

/** The numeric answer to `item`, or undefined when it was not answered (or is not a number). */
export function numericAnswer(answers: Answers, item: string): number | undefined {
  const value = answers[item]
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}
