// The routing table of Meta deliveries: which channel a Page id, Instagram account id or WhatsApp phone
// number id belongs to. Kept in memory (looking it up per delivery was nearly half of all queries at 500
// deliveries/s); the webhook reloads it when a delivery names an id it does not know, so a channel
// connected a moment ago, on any server process, is found at once.

import { asc, inArray } from 'drizzle-orm'
import type { Db } from '../../db/create-db.ts'
import { channels } from '../../db/schema/channels.ts'
import type { MetaChannelKind, MetaRouteKind, RoutedChannel } from './meta-normalise-context.ts'

const routingKey: Record<MetaChannelKind, string> = { messenger: 'pageId', instagram: 'igUserId', whatsapp: 'phoneNumberId' }

export interface MetaRoutes {
  route(kind: MetaRouteKind, routingId: string): RoutedChannel | null
  /** Reads the table from the database (first use, or an unknown id). */
  reload(): Promise<void>
  readonly loaded: boolean
}

export function createMetaRoutes(db: Db): MetaRoutes {
  let table: Map<string, RoutedChannel> | null = null
  return {
    get loaded() {
      return table !== null
    },
    route: (kind, routingId) => table?.get(`${kind}:${routingId}`) ?? null,
    async reload() {
      const rows = await db
        .select({ id: channels.id, workspaceId: channels.workspaceId, kind: channels.kind, config: channels.config })
        .from(channels)
        .where(inArray(channels.kind, ['messenger', 'instagram', 'whatsapp']))
        .orderBy(asc(channels.createdAt), asc(channels.id))
      const next = new Map<string, RoutedChannel>()
      for (const row of rows) {
        const kind = row.kind as MetaChannelKind
        const channel = { id: row.id, workspaceId: row.workspaceId }
        next.set(`${kind}:${String(row.config[routingKey[kind]])}`, channel)
        // A business account's notices go to its first number's channel (they name no number).
        const account = `whatsapp_account:${String(row.config.businessAccountId)}`
        if (kind === 'whatsapp' && !next.has(account)) next.set(account, channel)
      }
      table = next
    },
  }
}
