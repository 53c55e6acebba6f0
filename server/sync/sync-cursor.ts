// The sync cursor, opaque to the client: what its device holds, as a position in commit order (a
// database snapshot, server/db/commit-snapshot.ts) and the server's time it was read at (for removals,
// ticket-sightings.ts); within a pull of several pages also the last ticket sent and the snapshot the
// pull will end at. The old form ("<time>|<id>", from before transaction ids) is still read, once, as a
// time: a pull from it hands back the new form.
import { type CommitSnapshot, coarsen, formatSnapshot, parseSnapshot } from '../db/commit-snapshot.ts'
import { cursorValues, encodeCursor, invalidCursor, readCursorPart } from '../db/keyset-cursor.ts'

/** What a device holds: nothing yet, every change a snapshot saw, or (an old cursor) every change before a time. */
export type Held =
  | { kind: 'nothing' }
  | { kind: 'snapshot'; snapshot: CommitSnapshot; at: string }
  | { kind: 'time'; time: string; at: string }

export interface SyncCursor {
  held: Held
  /** In the middle of a pull: the last ticket sent, and the position the pull ends at. */
  page?: { xid: string; id: string; upTo: CommitSnapshot; upToAt: string }
}

/**
 * Transactions in progress a cursor lists, at most: past them it counts everything as unseen. Keeps a
 * cursor short (a few hundred characters) whatever the database's concurrency; the price is re-sending
 * what the unlisted transactions' neighbours wrote.
 */
const maxInProgress = 4

const heldTag = 's'
const pageTag = 'p'
const nothing = '-'

export function decodeSyncCursor(text: string | undefined): SyncCursor {
  if (!text) return { held: { kind: 'nothing' } }
  const values = cursorValues(text)
  if (values.length === 2) {
    const time = readCursorPart('time', values[0]!)
    readCursorPart('id', values[1]!)
    return { held: { kind: 'time', time, at: time } }
  }
  if (values[0] === heldTag && values.length === 3) return { held: readHeld(values[1]!, values[2]!) }
  if (values[0] === pageTag && values.length === 7) {
    const [, held, at, xid, id, upTo, upToAt] = values as [string, string, string, string, string, string, string]
    return {
      held: readHeld(held, at),
      page: {
        xid: readCursorPart('xid', xid),
        id: readCursorPart('id', id),
        upTo: readSnapshot(upTo),
        upToAt: readCursorPart('time', upToAt),
      },
    }
  }
  throw invalidCursor()
}

export function encodeSyncCursor(cursor: SyncCursor): string {
  const held = heldParts(cursor.held)
  if (!cursor.page) return encodeCursor([heldTag, ...held])
  const { xid, id, upTo, upToAt } = cursor.page
  return encodeCursor([pageTag, ...held, xid, id, formatSnapshot(coarsen(upTo, maxInProgress)), upToAt])
}

function heldParts(held: Held): [string, string] {
  if (held.kind === 'nothing') return [nothing, nothing]
  if (held.kind === 'time') return [held.time, held.at]
  return [formatSnapshot(coarsen(held.snapshot, maxInProgress)), held.at]
}

function readHeld(position: string, at: string): Held {
  if (position === nothing && at === nothing) return { kind: 'nothing' }
  const time = readCursorPart('time', at)
  if (position.includes('T')) return { kind: 'time', time: readCursorPart('time', position), at: time }
  return { kind: 'snapshot', snapshot: readSnapshot(position), at: time }
}

function readSnapshot(text: string): CommitSnapshot {
  const snapshot = parseSnapshot(text)
  if (!snapshot) throw invalidCursor()
  return snapshot
}
