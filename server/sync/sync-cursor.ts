// The sync cursor: the (changed_at, id) of the last ticket a client holds, opaque to the client.
import { AppError } from '../../shared/errors.ts'
import { uuidPattern } from '../../shared/schema/common.ts'

export interface SyncPosition {
  changedAt: string
  id: string
}

export const syncStart: SyncPosition = { changedAt: '1970-01-01T00:00:00.000Z', id: '00000000-0000-0000-0000-000000000000' }

export function encodeSyncCursor(position: SyncPosition): string {
  return Buffer.from(`${position.changedAt}|${position.id}`).toString('base64url')
}

export function decodeSyncCursor(cursor: string | undefined): SyncPosition {
  if (!cursor) return syncStart
  const [changedAt = '', id = ''] = Buffer.from(cursor, 'base64url').toString().split('|')
  if (Number.isNaN(Date.parse(changedAt)) || !uuidPattern.test(id)) {
    throw new AppError('invalid_input', 'This sync cursor was not given out by this server.', { cursor })
  }
  return { changedAt, id }
}
