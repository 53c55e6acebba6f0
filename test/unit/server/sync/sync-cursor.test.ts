import { expect, test } from 'vitest'
import { decodeSyncCursor, encodeSyncCursor, syncStart } from '../../../../server/sync/sync-cursor.ts'

test('a cursor decodes to the position it was made from', () => {
  const position = { changedAt: '2026-11-25T10:00:00.123Z', id: '01a214a5-2cc9-725c-9552-4f3e1ee231ec' }
  expect(decodeSyncCursor(encodeSyncCursor(position))).toEqual(position)
})

test('no cursor starts at the beginning; a made-up one is refused as invalid input', () => {
  expect(decodeSyncCursor(undefined)).toEqual(syncStart)
  expect(() => decodeSyncCursor('bm90IGEgY3Vyc29y')).toThrow(expect.objectContaining({ code: 'invalid_input' }))
})
