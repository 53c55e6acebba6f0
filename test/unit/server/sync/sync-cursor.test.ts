import { expect, test } from 'vitest'
import { encodeCursor } from '../../../../server/db/keyset-cursor.ts'
import { decodeSyncCursor, encodeSyncCursor, type SyncCursor } from '../../../../server/sync/sync-cursor.ts'

const id = '01a214a5-2cc9-725c-9552-4f3e1ee231ec'
const at = '2026-11-25T10:00:00.123Z'
const snapshot = { xmax: 1200n, xip: [1187n, 1190n] }

test('a cursor decodes to the position it was made from, held or in the middle of a pull', () => {
  const held: SyncCursor = { held: { kind: 'snapshot', snapshot, at } }
  expect(decodeSyncCursor(encodeSyncCursor(held))).toEqual(held)
  const page: SyncCursor = { held: held.held, page: { xid: '1188', id, upTo: { xmax: 1210n, xip: [] }, upToAt: at } }
  expect(decodeSyncCursor(encodeSyncCursor(page))).toEqual(page)
  const first: SyncCursor = { held: { kind: 'nothing' }, page: page.page }
  expect(decodeSyncCursor(encodeSyncCursor(first))).toEqual(first)
})

test('a cursor of the old form ("<time>|<id>", kept by browsers) is read as a time', () => {
  const old = encodeCursor(['2026-11-25T10:00:00.123456Z', id])
  expect(decodeSyncCursor(old)).toEqual({
    held: { kind: 'time', time: '2026-11-25T10:00:00.123456Z', at: '2026-11-25T10:00:00.123456Z' },
  })
})

test('many transactions in progress make a coarser cursor that still lists every one unseen', () => {
  const busy = { xmax: 2000n, xip: [1001n, 1002n, 1003n, 1004n, 1005n, 1006n] }
  const decoded = decodeSyncCursor(encodeSyncCursor({ held: { kind: 'snapshot', snapshot: busy, at } }))
  expect(decoded.held).toEqual({ kind: 'snapshot', snapshot: { xmax: 1005n, xip: [1001n, 1002n, 1003n, 1004n] }, at })
  expect(
    encodeSyncCursor({ held: { kind: 'snapshot', snapshot: busy, at }, page: { xid: '1999', id, upTo: busy, upToAt: at } })
      .length,
  ).toBeLessThan(400)
})

test('no cursor holds nothing; a made-up one is refused as invalid input', () => {
  expect(decodeSyncCursor(undefined)).toEqual({ held: { kind: 'nothing' } })
  const refused = expect.objectContaining({ code: 'invalid_input' })
  for (const text of [
    'bm90IGEgY3Vyc29y',
    encodeCursor(['s', '5:4:', at]),
    encodeCursor(['s', '4:9:3', at]),
    encodeCursor(['s', '4:9:6,5', at]),
    encodeCursor(['s', '4:99999999999999999999999:', at]),
    encodeCursor(['s', '4:9:', 'yesterday']),
    encodeCursor(['s', '-', at]),
    encodeCursor(['p', '4:9:', at, '12x', id, '4:9:', at]),
    encodeCursor(['p', '4:9:', at, '12', 'not-an-id', '4:9:', at]),
    encodeCursor(['x', '4:9:', at]),
  ]) {
    expect(() => decodeSyncCursor(text), text).toThrow(refused)
  }
})
