import { expect, test } from 'vitest'
import { createLoginThrottle } from '../../../../server/auth/login-throttle.ts'

test('blocks an email after ten failures within fifteen minutes, and forgets them after', () => {
  let now = 0
  const throttle = createLoginThrottle(() => now)
  for (let i = 0; i < 9; i++) throttle.recordFailure('a@x.com')
  expect(throttle.isBlocked('a@x.com')).toBe(false)
  throttle.recordFailure('a@x.com')
  expect(throttle.isBlocked('a@x.com')).toBe(true)
  expect(throttle.isBlocked('b@x.com')).toBe(false)
  now += 15 * 60_000 + 1
  expect(throttle.isBlocked('a@x.com')).toBe(false)
})

test('a successful sign-in resets the count', () => {
  const throttle = createLoginThrottle(() => 0)
  for (let i = 0; i < 10; i++) throttle.recordFailure('a@x.com')
  throttle.reset('a@x.com')
  expect(throttle.isBlocked('a@x.com')).toBe(false)
})
