import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import type { ScryptOptions } from 'node:crypto'

/** scrypt with N=2^15, r=8, p=1: 32 MiB and ~50 ms per hash (OWASP's minimum is N=2^17/r=8 or equivalent cost). */
const defaultCost = { N: 2 ** 15, r: 8, p: 1 }
const keyLength = 32

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

const maxmem = (N: number, r: number): number => 128 * N * r * 2

/** Hashes a password as `scrypt$N$r$p$salt$hash` (base64url), so the cost can change later. */
export async function hashPassword(password: string, cost = defaultCost): Promise<string> {
  const salt = randomBytes(16)
  const key = await scryptAsync(password, salt, { ...cost, maxmem: maxmem(cost.N, cost.r) })
  return [
    'scrypt',
    cost.N,
    cost.r,
    cost.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$')
}

/** Checks a password against a stored hash in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number]
  if (![N, r, p].every(Number.isSafeInteger) || N > 2 ** 20 || r > 32 || p > 16) return false
  const salt = Buffer.from(parts[4] ?? '', 'base64url')
  const expected = Buffer.from(parts[5] ?? '', 'base64url')
  if (expected.length !== keyLength) return false
  const key = await scryptAsync(password, salt, { N, r, p, maxmem: maxmem(N, r) })
  return timingSafeEqual(key, expected)
}

let dummyHash: Promise<string> | undefined

/** Spends the same time as a real check when the email is unknown, so timing tells nothing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('not a real password')
  await verifyPassword(password, await dummyHash)
  return false
}
