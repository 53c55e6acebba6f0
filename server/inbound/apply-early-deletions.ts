// A deletion that came before its message (webhooks arrive out of order, and Meta retries late) found
// nothing to mark then; its raw event is stored under `deleted:<id>`. When the message arrives, that
// deletion applies, so a message the customer unsent never shows as if it had not been.
import { sql } from 'drizzle-orm'
import type { InboundMessage } from '../channels/inbound-message.ts'
import type { Db } from '../db/create-db.ts'
import { jsonRecords } from '../db/json-records.ts'
import { inboundEvents } from '../db/schema/inbound-events.ts'
import { messages } from '../db/schema/messages.ts'
import { eventKey } from './event-key.ts'

export async function applyEarlyDeletions(db: Db, stored: readonly InboundMessage[]): Promise<void> {
  if (!stored.length) return
  const records = stored.map((m) => ({
    w: m.workspaceId,
    ch: m.channelId,
    x: m.externalId,
    key: eventKey({ type: 'deleted', workspaceId: m.workspaceId, channelId: m.channelId, externalId: m.externalId, at: '' }),
  }))
  await db.execute(sql`
    update ${messages} m set deleted_at = (e.payload->>'at')::timestamptz
    from ${jsonRecords(records, 'w uuid, ch uuid, x text, key text')}
    join ${inboundEvents} e on e.channel_id = v.ch and e.external_id = v.key
    where m.workspace_id = v.w and m.external_id = v.x and m.deleted_at is null`)
}
