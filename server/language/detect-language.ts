// A message's language, guessed from its script (Japanese kana, Hangul, Thai, Han, Cyrillic, Arabic...)
// and, for Latin script, from a handful of very common words. Enough for routing by language skill;
// null when unsure.
import { messageTokens } from './word-match.ts'

const scripts: [RegExp, string][] = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Hangul}/u, 'ko'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Han}/u, 'zh'],
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Cyrillic}/u, 'ru'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Devanagari}/u, 'hi'],
]

const commonWords: Record<string, string[]> = {
  en: ['the', 'is', 'and', 'my', 'you', 'not', 'please', 'have', 'where', 'what', 'order', 'it', 'i'],
  es: ['el', 'la', 'es', 'y', 'mi', 'no', 'por', 'favor', 'que', 'pedido', 'dónde', 'gracias'],
  fr: ['le', 'la', 'est', 'et', 'mon', 'ma', 'pas', 'je', 'vous', 'commande', 'merci', 'où'],
  de: ['der', 'die', 'das', 'ist', 'und', 'mein', 'nicht', 'ich', 'bitte', 'bestellung', 'danke', 'wo'],
  pt: ['o', 'a', 'é', 'e', 'meu', 'não', 'pedido', 'obrigado', 'onde', 'você', 'por'],
}

export function detectLanguage(text: string): string | null {
  for (const [pattern, language] of scripts) if (pattern.test(text)) return language
  const tokens = messageTokens(text)
  let best: string | null = null
  let bestHits = 0
  for (const [language, words] of Object.entries(commonWords)) {
    const hits = words.filter((w) => tokens.has(w)).length
    if (hits > bestHits) {
      best = language
      bestHits = hits
    }
  }
  return best
}
