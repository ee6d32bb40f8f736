import { describe, expect, it } from 'vitest'
import { pdfSafeText } from '../../../server/reports/pdf-safe-text.ts'

describe('pdfSafeText', () => {
  it('keeps Danish letters and the WinAnsi punctuation pdfkit encodes', () => {
    const text = 'Æbler, øl og blåbær – “ÆØÅ” … 12,5 % · €'
    expect(pdfSafeText(text)).toBe(text)
  })

  it('replaces characters outside WinAnsi with ASCII equivalents', () => {
    expect(pdfSafeText('k ≤ 5, n ≥ 10, −0,2')).toBe('k <= 5, n >= 10, -0,2')
    expect(pdfSafeText('12\u202f%')).toBe('12 %')
    expect(pdfSafeText('a → b')).toBe('a -> b')
  })

  it('writes ? for a character with no equivalent, never a wrong glyph', () => {
    expect(pdfSafeText('في 😀')).toBe('?? ?')
    // C1 control codes are not the Windows-1252 letters at the same byte values.
    expect(pdfSafeText('\u0080')).toBe('?')
  })
})
