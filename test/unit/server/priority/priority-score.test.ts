import { expect, test } from 'vitest'
import { detectLanguage } from '../../../../server/language/detect-language.ts'
import { messageTokens } from '../../../../server/language/word-match.ts'
import { hasUrgencyWord, priorityScore, priorityWeightsSchema } from '../../../../server/priority/priority-score.ts'
import { sentimentOf } from '../../../../server/priority/sentiment.ts'

const weights = priorityWeightsSchema.parse({})
const base = {
  priority: 'normal' as const,
  urgent: false,
  sentiment: 0,
  tags: [],
  followers: null,
  waitingMinutes: 0,
  replyWindowClosing: false,
}

test('urgent words and negative sentiment are found in several languages', () => {
  expect(hasUrgencyWord(messageTokens('至急対応してください'))).toBe(true)
  expect(hasUrgencyWord(messageTokens('Necesito un reembolso'))).toBe(true)
  expect(hasUrgencyWord(messageTokens('Just a question'))).toBe(false)
  expect(sentimentOf(messageTokens('This is terrible, I am very angry'))).toBeLessThan(0)
  expect(sentimentOf(messageTokens('最悪です。とても怒っています'))).toBeLessThan(0)
  expect(sentimentOf(messageTokens('Thanks, great service'))).toBeGreaterThan(0)
})

test('each factor raises the score: priority, urgency, sentiment, VIP, reach, waiting, a closing window', () => {
  const plain = priorityScore(weights, base)
  for (const more of [
    { priority: 'high' as const },
    { urgent: true },
    { sentiment: -1 },
    { tags: ['VIP'] },
    { followers: 100_000 },
    { waitingMinutes: 180 },
    { replyWindowClosing: true },
  ]) {
    expect(priorityScore(weights, { ...base, ...more })).toBeGreaterThan(plain)
  }
})

test('the language is read from the script, and from common words in Latin script', () => {
  expect(detectLanguage('注文した商品がまだ届いていません')).toBe('ja')
  expect(detectLanguage('我要退款')).toBe('zh')
  expect(detectLanguage('배송이 늦어요')).toBe('ko')
  expect(detectLanguage('Where is my order, please?')).toBe('en')
  expect(detectLanguage('¿Dónde está mi pedido? Gracias')).toBe('es')
  expect(detectLanguage('12345')).toBeNull()
})
