import { randomInt } from 'node:crypto'

/**
 * Digits and capitals without the look-alikes 0/O, 1/I/L and U/V-ish confusion (Crockford's
 * choice): 30 symbols, so a 9-symbol code carries 9 × log2(30) ≈ 44 bits.
 */
export const CLASS_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'
export const CLASS_CODE_LENGTH = 9
export const CLASS_CODE_BITS = CLASS_CODE_LENGTH * Math.log2(CLASS_CODE_ALPHABET.length)

/** A fresh random class code from a cryptographic source, normalised (no separators). */
export function generateClassCode(random: (max: number) => number = randomInt): string {
  let code = ''
  for (let i = 0; i < CLASS_CODE_LENGTH; i++) {
    code += CLASS_CODE_ALPHABET[random(CLASS_CODE_ALPHABET.length)]
  }
  return code
}

/**
 * What a pupil typed, as the stored code: case-insensitive, spaces and dashes ignored.
 * Returns undefined when it cannot be a code at all (wrong length or characters).
 */
export function normalizeClassCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s\-–—_.]/g, '')
  if (code.length !== CLASS_CODE_LENGTH) return undefined
  for (const char of code) if (!CLASS_CODE_ALPHABET.includes(char)) return undefined
  return code
}

/** The code as printed on the board: three groups of three, e.g. "K7M-4QX-9TB". */
export function formatClassCode(code: string): string {
  return code.match(/.{1,3}/g)?.join('-') ?? code
}
