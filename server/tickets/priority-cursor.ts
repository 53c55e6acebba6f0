// Cursors for the ticket list sorted by priority: the (priorityScore, id) of the last row shown, opaque
// to clients; the order matches the index tickets_priority_idx.
import { decodeCursor, encodeCursor } from '../db/keyset-cursor.ts'

export interface PriorityCursor {
  priorityScore: number
  id: string
}

export function encodePriorityCursor(cursor: PriorityCursor): string {
  return encodeCursor([cursor.priorityScore, cursor.id])
}

export function decodePriorityCursor(text: string): PriorityCursor {
  const [priorityScore, id] = decodeCursor(text, ['real', 'id'])
  return { priorityScore, id }
}
