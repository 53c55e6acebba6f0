import { expect, test } from 'vitest'
import { afterFailedAttempt, maxIngestAttempts } from '../../../../server/inbound/keep-for-retry.ts'

const now = Date.now()
const waitAfter = (attempts: number, random: number) =>
  afterFailedAttempt(attempts, now, () => random).nextAttemptAt!.getTime() - now

test('a failed ingest is retried later and later, within a jitter of a quarter each way', () => {
  expect(waitAfter(1, 0.5)).toBe(2_000)
  expect(waitAfter(2, 0.5)).toBe(4_000)
  expect(waitAfter(1, 0)).toBe(1_500)
  expect(waitAfter(1, 1)).toBe(2_500)
  expect(waitAfter(15, 0.5)).toBe(300_000)
})

test('retries stop after the last attempt: the event stays failed, with no next attempt', () => {
  expect(afterFailedAttempt(maxIngestAttempts - 1, now).status).toBe('pending')
  expect(afterFailedAttempt(maxIngestAttempts, now)).toEqual({ status: 'failed', nextAttemptAt: null })
  expect(afterFailedAttempt(maxIngestAttempts + 1, now)).toEqual({ status: 'failed', nextAttemptAt: null })
})

test('the retries of one event span about an hour before it is left failed', () => {
  let total = 0
  for (let attempts = 1; attempts < maxIngestAttempts; attempts++) total += waitAfter(attempts, 0.5)
  expect(total).toBeGreaterThan(45 * 60_000)
  expect(total).toBeLessThan(90 * 60_000)
})
