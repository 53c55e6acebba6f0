// A message's sentiment from -1 (negative) to 1 (positive), 0 when no lexicon word is found.
import { containsPhrase, phraseTokens } from '../language/word-match.ts'
import { negativeWords, positiveWords } from './sentiment-lexicon.ts'

const negative = [...new Set(negativeWords)].map(phraseTokens)
const positive = [...new Set(positiveWords)].map(phraseTokens)

export function sentimentOf(tokens: ReadonlySet<string>): number {
  const neg = negative.filter((p) => containsPhrase(tokens, p)).length
  const pos = positive.filter((p) => containsPhrase(tokens, p)).length
  return neg + pos === 0 ? 0 : (pos - neg) / (pos + neg)
}
