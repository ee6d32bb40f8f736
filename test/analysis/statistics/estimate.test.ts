import { describe, expect, it } from 'vitest'
import { insufficient } from '../../../analysis/statistics/estimate.ts'

describe('insufficient', () => {
  it('builds the typed alternative result', () => {
    expect(insufficient('no respondents')).toEqual({
      kind: 'insufficient',
      reason: 'no respondents',
    })
  })
})
