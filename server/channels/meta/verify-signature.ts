// X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256 of the raw body bytes under the app
// secret, compared in constant time. Hash the bytes as received: re-serialised JSON differs.
import { createHmac, timingSafeEqual } from 'node:crypto'

export function verifyMetaSignature(rawBody: Uint8Array, header: string | undefined, appSecret: string): boolean {
  const given = header?.match(/^sha256=([0-9a-f]{64})$/i)?.[1]
  if (!given) return false
  const expected = createHmac('sha256', appSecret).update(rawBody).digest()
  const actual = Buffer.from(given, 'hex')
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** The GET handshake's token, compared in constant time. */
export function verifyTokenMatches(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
