// Cursors for the ticket list: the (lastMessageAt, id) of the last row shown, opaque to clients.
import { decodeCursor, encodeCursor } from '../db/keyset-cursor.ts'

export interface TicketCursor {
  lastMessageAt: string
  id: string
}

export function encodeTicketCursor(cursor: { lastMessageAt: Date; id: string }): string {
  return encodeCursor([cursor.lastMessageAt.toISOString(), cursor.id])
}

export function decodeTicketCursor(text: string): TicketCursor {
  const [lastMessageAt, id] = decodeCursor(text, ['time', 'id'])
  return { lastMessageAt, id }
}
