// The visitor token: a random secret handed out in the first welcome and kept by the widget. Only its
// SHA-256, the visitor id, is stored (as the contact's `chat` identity), so an id seen by agents, in the
// database or in a log never opens the conversation: the token is the only key to it.
import { hashToken, newOpaqueToken } from '../../security/opaque-token.ts'

const tokenPattern = /^vt_[A-Za-z0-9_-]{43}$/

export function issueVisitorToken(): string {
  return newOpaqueToken('vt')
}

/** True for a token of the shape we issue; anything else (a guess, a truncated copy) gets a new one. */
export function isVisitorToken(value: string | undefined): value is string {
  return value !== undefined && tokenPattern.test(value)
}

export function visitorIdOf(token: string): string {
  return hashToken(token)
}
