// Writes the documents' updates to the database for every open room at once: updates that arrive while a
// write is running go together in the next INSERT (group commit), so a busy server makes one round trip
// for many keystrokes instead of one each (PGlite has a single connection). Each caller still learns
// when its own update is stored, and its row id.
import type { Db } from '../db/create-db.ts'
import { collabUpdates } from '../db/schema/collab-updates.ts'

const maxRowsPerInsert = 500

export interface UpdateRow {
  workspaceId: string
  ticketId: string
  update: Uint8Array
}

export type UpdateWriter = (row: UpdateRow) => Promise<number>

export function createUpdateWriter(db: Db): UpdateWriter {
  const waiting: { row: UpdateRow; stored: (id: number) => void; failed: (error: unknown) => void }[] = []
  let writing = false

  async function drain(): Promise<void> {
    writing = true
    while (waiting.length) {
      const batch = waiting.splice(0, maxRowsPerInsert)
      try {
        // PostgreSQL returns the inserted rows in the order of the VALUES list.
        const ids = await db
          .insert(collabUpdates)
          .values(
            batch.map(({ row }) => ({ workspaceId: row.workspaceId, ticketId: row.ticketId, update: Buffer.from(row.update) })),
          )
          .returning({ id: collabUpdates.id })
        for (const [i, entry] of batch.entries()) entry.stored(ids[i]!.id)
      } catch (error) {
        for (const entry of batch) entry.failed(error)
      }
    }
    writing = false
  }

  return (row) =>
    new Promise<number>((stored, failed) => {
      waiting.push({ row, stored, failed })
      if (!writing) void drain()
    })
}
