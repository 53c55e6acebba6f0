// Cursors for the ticket list sorted by priority: the (priorityScore, id) of the last row shown, opaque
// to clients; the order matches the index tickets_priority_idx.
import { AppError } from '../../shared/errors.ts'

export interface PriorityCursor {
  priorityScore: number
  id: string
}

export function encodePriorityCursor(cursor: PriorityCursor): string {
  return Buffer.from(JSON.stringify(['p', cursor.priorityScore, cursor.id])).toString('base64url')
}

export function decodePriorityCursor(text: string): PriorityCursor {
  try {
    const [tag, priorityScore, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[]
    if (tag !== 'p' || typeof priorityScore !== 'number' || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id))
      throw new Error()
    return { priorityScore, id }
  } catch {
    throw new AppError('invalid_input', 'The cursor is not one this server gave out for sort=priority.', [
      { path: 'cursor', message: 'Invalid cursor' },
    ])
  }
}
