// Word matching in any language, on the tokens of server/search/segment.ts: a message's words (and, in
// scripts written without spaces, its character bigrams) against a phrase's. A phrase matches when every
// one of its tokens is among the message's, so 至急 matches 至急対応してください and "refund" matches
// "Refund!" but not "refunded".
import { segmentForIndex, segmentForQuery } from '../search/segment.ts'

const separators = /[^\p{L}\p{N}\p{M}']+/u

export function messageTokens(text: string): Set<string> {
  return new Set(segmentForIndex(text).split(separators).filter(Boolean))
}

export function phraseTokens(phrase: string): string[] {
  return segmentForQuery(phrase).split(separators).filter(Boolean)
}

export function containsPhrase(tokens: ReadonlySet<string>, phrase: readonly string[]): boolean {
  return phrase.length > 0 && phrase.every((t) => tokens.has(t))
}
