import { expect, test } from 'vitest'
import { decodeTicketCursor, encodeTicketCursor } from '../../../../server/tickets/ticket-cursor.ts'
import { AppError } from '../../../../shared/errors.ts'

test('a cursor round-trips', () => {
  const cursor = { lastMessageAt: new Date('2026-11-25T10:00:00.123Z'), id: '01a21425-4cdb-75a2-9af3-a5d3d1988c82' }
  expect(decodeTicketCursor(encodeTicketCursor(cursor))).toEqual({ ...cursor, lastMessageAt: '2026-11-25T10:00:00.123Z' })
})

test('a cursor the server did not give out is invalid input', () => {
  for (const bad of ['garbage', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["x","y"]').toString('base64url')]) {
    expect(() => decodeTicketCursor(bad)).toThrow(AppError)
  }
})
