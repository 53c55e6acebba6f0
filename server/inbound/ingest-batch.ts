// A batch of inbound messages through the pipeline, inside the caller's transaction, set-based so the
// statement count does not grow with the batch: dedupe on the raw events, identity -> contacts,
// threading -> tickets, the message rows, the tickets' activity, the audit entries.
import { sql } from 'drizzle-orm'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Db } from '../db/create-db.ts'
import { insertJsonRecords, jsonRecords } from '../db/json-records.ts'
import { newId } from '../db/new-id.ts'
import { rows } from '../db/rows.ts'
import { messages } from '../db/schema/messages.ts'
import { tickets } from '../db/schema/tickets.ts'
import { normaliseIdentities } from '../identity/normalise-identity.ts'
import { resolveContacts } from '../identity/resolve-contacts.ts'
import { segmentForIndex } from '../search/segment.ts'
import { threadMessages } from '../tickets/thread-messages.ts'
import type { InboundMessage, IngestResult } from './inbound-message.ts'

export interface IngestSettings {
  reopenWindowDays: number
}

export async function ingestBatch(db: Db, batch: readonly InboundMessage[], settings: IngestSettings): Promise<IngestResult[]> {
  const now = new Date()
  const fresh = await storeRawEvents(db, batch)
  const accepted = batch.filter((_, i) => fresh[i])

  const results: (IngestResult | null)[] = batch.map(() => null)
  if (accepted.length) {
    const { plan, audit: contactAudit } = await resolveContacts(
      db,
      accepted.map((m) => ({
        workspaceId: m.workspaceId,
        identities: normaliseIdentities(m.contact.identities),
        name: m.contact.name,
        avatarUrl: m.contact.avatarUrl ?? null,
      })),
    )
    const { threads, audit: ticketAudit } = await threadMessages(
      db,
      accepted.map((m, i) => ({
        workspaceId: m.workspaceId,
        channelId: m.channelId,
        channelKind: m.channelKind,
        contactId: plan.contacts[i]!.contactId,
        contactName: plan.contacts[i]!.name,
        subject: m.subject,
      })),
      settings.reopenWindowDays,
      now,
    )
    const messageIds = accepted.map(() => newId())
    await db.execute(
      insertJsonRecords(
        'messages',
        accepted.map((m, i) => ({
          id: messageIds[i],
          workspaceId: m.workspaceId,
          ticketId: threads[i]!.ticketId,
          kind: 'message',
          direction: 'inbound',
          channelKind: m.channelKind,
          externalId: m.externalId,
          authorType: 'contact',
          authorId: plan.contacts[i]!.contactId,
          body: m.body,
          html: m.html,
          attachments: m.attachments,
          status: 'received',
          createdAt: now,
          searchText: segmentForIndex(m.body),
        })),
        {
          id: 'uuid',
          workspaceId: 'uuid',
          ticketId: 'uuid',
          kind: 'text',
          direction: 'text',
          channelKind: 'text',
          externalId: 'text',
          authorType: 'text',
          authorId: 'uuid',
          body: 'text',
          html: 'text',
          attachments: 'jsonb',
          status: 'text',
          createdAt: 'timestamptz',
        },
        { columns: { search: `to_tsvector('simple', v."searchText")` }, inputs: { searchText: 'text' } },
      ),
    )
    await touchTickets(
      db,
      accepted.map((m, i) => ({ id: threads[i]!.ticketId, preview: preview(m.body), sentAt: m.sentAt })),
      now,
    )
    await recordAudit(db, [...contactAudit, ...ticketAudit])
    let next = 0
    batch.forEach((_, i) => {
      if (!fresh[i]) return
      const thread = threads[next]!
      results[i] = { duplicate: false, ticketId: thread.ticketId, ticketNumber: thread.number, messageId: messageIds[next]! }
      next++
    })
  }
  const duplicates = batch.filter((_, i) => !fresh[i])
  if (duplicates.length) {
    const earlier = await findEarlier(db, duplicates)
    batch.forEach((m, i) => {
      if (fresh[i]) return
      results[i] = earlier.get(`${m.channelId}|${m.externalId}`) ?? {
        duplicate: true,
        ticketId: null,
        ticketNumber: null,
        messageId: null,
      }
    })
  }
  return results as IngestResult[]
}

/** Stores the raw events; true for each message seen for the first time (also within the batch). */
async function storeRawEvents(db: Db, batch: readonly InboundMessage[]): Promise<boolean[]> {
  const stored = await rows<{ channel_id: string; external_id: string }>(
    db,
    sql`${insertJsonRecords(
      'inbound_events',
      batch.map((m) => ({
        id: newId(),
        workspaceId: m.workspaceId,
        channelId: m.channelId,
        externalId: m.externalId,
        payload: m,
        status: 'processed',
      })),
      { id: 'uuid', workspaceId: 'uuid', channelId: 'uuid', externalId: 'text', payload: 'jsonb', status: 'text' },
    )} on conflict do nothing returning channel_id, external_id`,
  )
  const firstTime = new Set(stored.map((s) => `${s.channel_id}|${s.external_id}`))
  return batch.map((m) => firstTime.delete(`${m.channelId}|${m.externalId}`))
}

/** Each ticket that got messages: open again, its last activity, preview and customer time. */
async function touchTickets(db: Db, touched: { id: string; preview: string; sentAt: string }[], now: Date): Promise<void> {
  // The last message of a ticket in the batch gives its preview; the latest customer time wins.
  const byTicket = new Map<string, { id: string; preview: string; sentAt: string }>()
  for (const t of touched) {
    const before = byTicket.get(t.id)
    byTicket.set(t.id, before && before.sentAt > t.sentAt ? { ...t, sentAt: before.sentAt } : t)
  }
  await db.execute(sql`
    update ${tickets} t set status = 'open', resolved_at = null, updated_at = ${now.toISOString()}::timestamptz,
      last_message_at = ${now.toISOString()}::timestamptz, last_message_preview = v.preview,
      last_customer_message_at = greatest(t.last_customer_message_at, v."sentAt")
    from ${jsonRecords([...byTicket.values()], 'id uuid, preview text, "sentAt" timestamptz')}
    where t.id = v.id`)
}

async function findEarlier(db: Db, duplicates: readonly InboundMessage[]): Promise<Map<string, IngestResult>> {
  const keys = duplicates.map((m) => ({ w: m.workspaceId, ch: m.channelId, x: m.externalId }))
  const found = await rows<{ channel_id: string; external_id: string; message_id: string; ticket_id: string; number: number }>(
    db,
    sql`select t.channel_id, m.external_id, m.id as message_id, m.ticket_id, t.number
        from ${jsonRecords(keys, 'w uuid, ch uuid, x text')}
        join ${messages} m on m.workspace_id = v.w and m.external_id = v.x
        join ${tickets} t on t.id = m.ticket_id and t.channel_id = v.ch`,
  )
  return new Map(
    found.map((f) => [
      `${f.channel_id}|${f.external_id}`,
      { duplicate: true, ticketId: f.ticket_id, ticketNumber: f.number, messageId: f.message_id },
    ]),
  )
}

export function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat
}
