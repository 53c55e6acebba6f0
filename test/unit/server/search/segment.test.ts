import { expect, test } from 'vitest'
import { segmentForIndex, segmentForQuery } from '../../../../server/search/segment.ts'

const tokens = (text: string) => text.split(/\s+/).filter(Boolean)

test('splits Japanese runs into single characters and bigrams for the index', () => {
  expect(tokens(segmentForIndex('配送が遅い'))).toEqual(['配', '送', 'が', '遅', 'い', '配送', '送が', 'が遅', '遅い'])
})

test('a query of two or more unspaced characters is its bigrams only', () => {
  expect(tokens(segmentForQuery('配送'))).toEqual(['配送'])
  expect(tokens(segmentForQuery('遅れています'))).toEqual(['遅れ', 'れて', 'てい', 'いま', 'ます'])
})

test('every query bigram of a word inside a sentence is among the sentence index tokens', () => {
  for (const [sentence, word] of [
    ['注文した商品がまだ届いていません', '商品'],
    ['我的订单还没有到', '订单'],
    ['สวัสดีครับ ฉันต้องการคืนเงิน', 'คืนเงิน'],
    ['배송이 늦어지고 있습니다', '배송'],
  ] as const) {
    const indexed = new Set(tokens(segmentForIndex(sentence)))
    for (const token of tokens(segmentForQuery(word))) expect(indexed.has(token), `${word} in ${sentence}`).toBe(true)
  }
})

test('a single unspaced character is searchable', () => {
  expect(tokens(segmentForQuery('雨'))).toEqual(['雨'])
  expect(tokens(segmentForIndex('今日は雨'))).toContain('雨')
})

test('spaced languages keep their words, lower-cased and NFKC-normalised', () => {
  expect(tokens(segmentForIndex('Where is my REFUND? Ｏｒｄｅｒ 42'))).toEqual(['where', 'is', 'my', 'refund?', 'order', '42'])
})

test('mixed text segments each script by its own rule', () => {
  expect(tokens(segmentForQuery('iPhone 修理'))).toEqual(['iphone', '修理'])
})
