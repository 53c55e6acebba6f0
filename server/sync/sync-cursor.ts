// The sync cursor: the (changed_at, id) of the last ticket a client holds, opaque to the client. Its form
// ("<time>|<id>", base64url) is the one browsers keep across upgrades.
import { decodeCursor, encodeCursor } from '../db/keyset-cursor.ts'

export interface SyncPosition {
  changedAt: string
  id: string
}

export const syncStart: SyncPosition = { changedAt: '1970-01-01T00:00:00.000Z', id: '00000000-0000-0000-0000-000000000000' }

export function encodeSyncCursor(position: SyncPosition): string {
  return encodeCursor([position.changedAt, position.id])
}

export function decodeSyncCursor(cursor: string | undefined): SyncPosition {
  if (!cursor) return syncStart
  const [changedAt, id] = decodeCursor(cursor, ['time', 'id'])
  return { changedAt, id }
}
