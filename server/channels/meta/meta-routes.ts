// The routing table of Meta deliveries: which channel a Page id, Instagram account id or WhatsApp phone
// number id belongs to. One query per delivery keeps it right after channels change.
import { inArray } from 'drizzle-orm'
import type { Db } from '../../db/create-db.ts'
import { channels } from '../../db/schema/channels.ts'
import type { MetaChannelKind, MetaRoute } from './meta-normalise-context.ts'

const routingKey: Record<MetaChannelKind, string> = { messenger: 'pageId', instagram: 'igUserId', whatsapp: 'phoneNumberId' }

export async function loadMetaRoutes(db: Db): Promise<MetaRoute> {
  const rows = await db
    .select({ id: channels.id, workspaceId: channels.workspaceId, kind: channels.kind, config: channels.config })
    .from(channels)
    .where(inArray(channels.kind, ['messenger', 'instagram', 'whatsapp']))
  const table = new Map<string, { id: string; workspaceId: string }>()
  for (const row of rows) {
    const kind = row.kind as MetaChannelKind
    table.set(`${kind}:${String(row.config[routingKey[kind]])}`, { id: row.id, workspaceId: row.workspaceId })
  }
  return (kind, routingId) => table.get(`${kind}:${routingId}`) ?? null
}
