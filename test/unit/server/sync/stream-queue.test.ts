import { expect, test } from 'vitest'
import { createStreamQueue } from '../../../../server/sync/stream-queue.ts'

const at = '2026-12-01T10:00:00.000Z'

test('a stream that falls behind waits for one change instead of an unbounded backlog', async () => {
  const queue = createStreamQueue(100)
  queue.push([{ event: 'tickets', data: 'x'.repeat(60) }], at)
  expect(await queue.wait(1)).toBe(true)
  queue.push([{ event: 'tickets', data: 'y'.repeat(60) }], at)
  expect(queue.take()).toEqual([{ event: 'change', data: JSON.stringify({ at }) }])
  expect(await queue.wait(1)).toBe(false)
  queue.push([{ event: 'tickets', data: 'z' }], at)
  expect(queue.take()).toEqual([{ event: 'tickets', data: 'z' }])
})
