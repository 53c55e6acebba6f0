// Cursors for the ticket list: the (lastMessageAt, id) of the last row shown, opaque to clients.
import { AppError } from '../../shared/errors.ts'

export interface TicketCursor {
  lastMessageAt: Date
  id: string
}

export function encodeTicketCursor(cursor: TicketCursor): string {
  return Buffer.from(JSON.stringify([cursor.lastMessageAt.toISOString(), cursor.id])).toString('base64url')
}

export function decodeTicketCursor(text: string): TicketCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[]
    const lastMessageAt = new Date(String(at))
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(lastMessageAt.getTime())) throw new Error()
    return { lastMessageAt, id }
  } catch {
    throw new AppError('invalid_input', 'The cursor is not one this server gave out.', [
      { path: 'cursor', message: 'Invalid cursor' },
    ])
  }
}
