// Where a ticket's document lives: its Yjs updates, one row each, appended as agents type. A document
// with many rows is compacted into one snapshot row (when loaded, and in the background when unloaded),
// so a year of keystrokes loads as one update. Yjs updates commute, so the snapshot's place in the row
// order does not matter; only the rows merged into it are deleted (by id: a row another server process
// committed meanwhile stays).
import { and, asc, eq, gt, sql } from 'drizzle-orm'
import * as Y from 'yjs'
import type { Db } from '../db/create-db.ts'
import { collabUpdates } from '../db/schema/collab-updates.ts'
import type { RoomStore, StoredUpdates } from './collab-room.ts'
import type { UpdateWriter } from './update-writer.ts'

/** More rows than this are merged into one. */
export const compactAfterRows = 200

export interface CollabStore extends RoomStore {
  /** Updates stored after row `afterId` (to catch up after a missed notification). */
  since(afterId: number): Promise<{ id: number; update: Uint8Array }[]>
  /** One stored update (announced by another process by its row id). */
  row(id: number): Promise<Uint8Array | null>
  /** Merges the rows into one if there are many; resolves with how many rows were merged. */
  compact(): Promise<number>
}

export function collabStore(db: Db, write: UpdateWriter, workspaceId: string, ticketId: string): CollabStore {
  /** Rows this process knows the document has: a document only read is not worth a look at unload. */
  let knownRows = 0
  const rows = () =>
    db
      .select({ id: collabUpdates.id, update: collabUpdates.update })
      .from(collabUpdates)
      .where(eq(collabUpdates.ticketId, ticketId))
      .orderBy(asc(collabUpdates.id))

  async function merge(stored: { id: number; update: Uint8Array }[]): Promise<StoredUpdates> {
    const doc = new Y.Doc()
    for (const row of stored) Y.applyUpdate(doc, row.update)
    const snapshot = Y.encodeStateAsUpdate(doc)
    doc.destroy()
    const ids = JSON.stringify(stored.map((row) => row.id))
    const [kept] = await db.transaction(async (tx) => {
      await tx.execute(
        sql`delete from ${collabUpdates} where ${collabUpdates.ticketId} = ${ticketId} and ${collabUpdates.id} in (select jsonb_array_elements_text(${ids}::jsonb)::bigint)`,
      )
      return tx
        .insert(collabUpdates)
        .values({ workspaceId, ticketId, update: Buffer.from(snapshot) })
        .returning({ id: collabUpdates.id })
    })
    return { updates: [snapshot], bytes: snapshot.length, lastId: kept!.id }
  }

  return {
    async load() {
      const stored = await rows()
      knownRows = stored.length
      if (stored.length > compactAfterRows) {
        knownRows = 1
        return merge(stored)
      }
      return {
        updates: stored.map((row) => row.update),
        bytes: stored.reduce((sum, row) => sum + row.update.length, 0),
        lastId: stored.at(-1)?.id ?? 0,
      }
    },
    append: (update) => {
      knownRows++
      return write({ workspaceId, ticketId, update })
    },
    since: (afterId) =>
      db
        .select({ id: collabUpdates.id, update: collabUpdates.update })
        .from(collabUpdates)
        .where(and(eq(collabUpdates.ticketId, ticketId), gt(collabUpdates.id, afterId)))
        .orderBy(asc(collabUpdates.id)),
    async row(id) {
      const [found] = await db
        .select({ update: collabUpdates.update })
        .from(collabUpdates)
        .where(and(eq(collabUpdates.ticketId, ticketId), eq(collabUpdates.id, id)))
      return found?.update ?? null
    },
    async compact() {
      if (knownRows <= compactAfterRows) return 0
      const stored = await rows()
      if (stored.length <= compactAfterRows) return 0
      await merge(stored)
      return stored.length
    },
  }
}
