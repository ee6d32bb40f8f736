/**
 * Characters above Latin-1 that WinAnsiEncoding (Windows-1252) has a code for; pdfkit's standard
 * fonts encode these, and Latin-1 itself (Danish æ, ø, å included), and nothing else.
 */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')

/** ASCII (or WinAnsi) stand-ins for characters our texts and charts use that WinAnsi lacks. */
const REPLACEMENTS: Record<string, string> = {
  '≤': '<=',
  '≥': '>=',
  '≠': '!=',
  '≈': '~',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '―': '—',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u2007': ' ',
  '\u202f': ' ',
  '\u200b': '',
  '→': '->',
  '←': '<-',
  '′': "'",
  '″': '"',
  '✓': 'x',
}

/**
 * A text as pdfkit's standard fonts (Helvetica, WinAnsiEncoding) can draw it: characters outside
 * WinAnsi become an ASCII equivalent, or '?' when there is none, instead of a wrong glyph.
 *
 * @param text - any text
 * @returns the text with only WinAnsi characters
 * @example
 * pdfSafeText('k ≤ 5 − æøå') // → 'k <= 5 - æøå'
 */
export function pdfSafeText(text: string): string {
  let safe = ''
  for (const char of text) {
    const code = char.codePointAt(0)!
    // 0x80–0x9F are C1 control codes in Unicode, not the Windows-1252 letters at those bytes.
    const latin1 = code < 0x80 || (code >= 0xa0 && code <= 0xff)
    safe += latin1 || WIN_ANSI_EXTRA.has(char) ? char : (REPLACEMENTS[char] ?? '?')
  }
  return safe
}
