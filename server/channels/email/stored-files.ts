// The stored files an outbound mail carries, read from the attachments table in the order the reply
// named them.
import { inArray } from 'drizzle-orm'
import type { Db } from '../../db/create-db.ts'
import { attachments } from '../../db/schema/attachments.ts'
import type { OutgoingAttachment } from './email-sender.ts'

export async function storedFiles(db: Db, ids: readonly string[]): Promise<OutgoingAttachment[]> {
  if (!ids.length) return []
  const rows = await db
    .select({ id: attachments.id, name: attachments.fileName, mimeType: attachments.mimeType, bytes: attachments.bytes })
    .from(attachments)
    .where(inArray(attachments.id, [...ids]))
  return ids.flatMap((id) => {
    const row = rows.find((r) => r.id === id)
    return row ? [{ filename: row.name ?? 'file', contentType: row.mimeType, content: Buffer.from(row.bytes) }] : []
  })
}
