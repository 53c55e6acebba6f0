// Random bearer secrets (session cookies, API tokens); only their SHA-256 is ever stored.
import { createHash, randomBytes } from 'node:crypto'

export function newOpaqueToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
