import { expect, test } from 'vitest'
import { createRateLimiter } from '../../../../server/security/rate-limiter.ts'

const limit = { messages: 3, perMs: 1_000 }

test('allows up to the limit within the window, then refuses', () => {
  const limiter = createRateLimiter(limit)
  expect([0, 1, 2, 3].map((t) => limiter.take(t))).toEqual(['allow', 'allow', 'allow', 'refuse'])
})

test('closes once the attempts pass three times the limit within the window', () => {
  const limiter = createRateLimiter(limit)
  const decisions = Array.from({ length: 10 }, (_, t) => limiter.take(t))
  expect(decisions).toEqual(['allow', 'allow', 'allow', 'refuse', 'refuse', 'refuse', 'refuse', 'refuse', 'refuse', 'close'])
})

test('allows again once the window has slid past the earlier attempts', () => {
  const limiter = createRateLimiter(limit)
  for (const t of [0, 10, 20]) limiter.take(t)
  expect(limiter.take(500)).toBe('refuse')
  expect(limiter.take(1_005)).toBe('refuse')
  expect(limiter.take(1_600)).toBe('allow')
})

test('a steady pace at the limit is never refused', () => {
  const limiter = createRateLimiter(limit)
  const decisions = Array.from({ length: 30 }, (_, i) => limiter.take(i * 334))
  expect(decisions.every((d) => d === 'allow')).toBe(true)
})

test('takes its own cut-off when given', () => {
  const limiter = createRateLimiter(limit, 4)
  expect([0, 1, 2, 3, 4].map((t) => limiter.take(t))).toEqual(['allow', 'allow', 'allow', 'refuse', 'close'])
})
