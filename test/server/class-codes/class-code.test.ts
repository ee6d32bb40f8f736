import { describe, expect, it } from 'vitest'
import {
  CLASS_CODE_ALPHABET,
  CLASS_CODE_BITS,
  formatClassCode,
  generateClassCode,
  normalizeClassCode,
} from '../../../server/class-codes/class-code.ts'

describe('class codes', () => {
  it('use an alphabet without look-alikes and carry at least 40 bits', () => {
    for (const ambiguous of ['0', 'O', '1', 'I', 'L'])
      expect(CLASS_CODE_ALPHABET).not.toContain(ambiguous)
    expect(new Set(CLASS_CODE_ALPHABET).size).toBe(CLASS_CODE_ALPHABET.length)
    expect(CLASS_CODE_BITS).toBeGreaterThanOrEqual(40)
  })

  it('are random, well spread and unique in a large sample', () => {
    const codes = Array.from({ length: 20_000 }, () => generateClassCode())
    expect(new Set(codes).size).toBe(codes.length)
    const counts = new Map<string, number>()
    for (const code of codes) for (const char of code) counts.set(char, (counts.get(char) ?? 0) + 1)
    expect([...counts.keys()].sort().join('')).toBe([...CLASS_CODE_ALPHABET].sort().join(''))
    // 180,000 symbols over 30 letters: each near 6,000; a biased generator would stray far.
    for (const count of counts.values()) expect(Math.abs(count - 6000)).toBeLessThan(500)
  })

  it('accept what a pupil types: any case, spaces and dashes', () => {
    expect(normalizeClassCode('k7m-4qx-9tb')).toBe('K7M4QX9TB')
    expect(normalizeClassCode(' K7M 4QX 9TB ')).toBe('K7M4QX9TB')
    expect(normalizeClassCode('K7M–4QX–9TB')).toBe('K7M4QX9TB')
    expect(normalizeClassCode('K7M4QX9T')).toBeUndefined()
    expect(normalizeClassCode('K7M4QX9T0')).toBeUndefined()
    expect(normalizeClassCode("'; drop table--")).toBeUndefined()
    expect(formatClassCode('K7M4QX9TB')).toBe('K7M-4QX-9TB')
  })
})
