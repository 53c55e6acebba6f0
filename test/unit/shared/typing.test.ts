import { expect, test } from 'vitest'
import { createTypingClock, typingExpiresMs } from '../../../shared/protocol/typing.ts'

test('a client types until the expiry after the last fresh keystroke heard here', () => {
  const clock = createTypingClock()
  clock.note(1, { typing: true, typedAt: 100 }, 1_000)
  expect(clock.typingUntil(1, 1_000)).toBe(1_000 + typingExpiresMs)
  // The same state heard again (a renewal) does not restart the expiry; a new keystroke does.
  clock.note(1, { typing: true, typedAt: 100 }, 3_000)
  expect(clock.typingUntil(1, 1_000 + typingExpiresMs)).toBe(0)
  clock.note(1, { typing: true, typedAt: 200 }, 4_000)
  expect(clock.typingUntil(1, 4_000 + typingExpiresMs - 1)).toBe(4_000 + typingExpiresMs)
  expect(clock.nextExpiry(4_500)).toBe(4_000 + typingExpiresMs)
})

test('a client that says it stopped, or left, types no more', () => {
  const clock = createTypingClock()
  clock.note(1, { typing: true, typedAt: 1 }, 0)
  clock.note(2, { typing: true, typedAt: 1 }, 0)
  clock.note(1, { typing: false, typedAt: 1 }, 10)
  clock.note(2, null, 10)
  expect(clock.typingUntil(1, 10)).toBe(0)
  expect(clock.typingUntil(2, 10)).toBe(0)
  expect(clock.nextExpiry(10)).toBeNull()
})
