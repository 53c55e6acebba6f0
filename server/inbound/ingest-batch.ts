// A batch of channel events through the pipeline, inside the caller's transaction: every raw event is
// stored first (deduplicated on channel and key, within the batch too; one stored but not yet processed
// is ingested now), then the new messages are ingested and the updates applied (delivery statuses,
// changes to stored messages, to contacts, and the channel accounts' notices), each set-based.
import { sql } from 'drizzle-orm'
import type { ChannelEvent } from '../channels/channel-event.ts'
import type { InboundMessage, IngestResult } from '../channels/inbound-message.ts'
import type { Db } from '../db/create-db.ts'
import { insertJsonRecords, jsonRecords } from '../db/json-records.ts'
import { newId } from '../db/new-id.ts'
import { rows } from '../db/rows.ts'
import { messages } from '../db/schema/messages.ts'
import { tickets } from '../db/schema/tickets.ts'
import { applyAccountNotices } from './apply-account-notices.ts'
import { applyContactChanges } from './apply-contact-changes.ts'
import { applyDeliveryUpdates } from './apply-delivery-updates.ts'
import { applyEarlyDeletions } from './apply-early-deletions.ts'
import { applyMessageChanges } from './apply-message-changes.ts'
import { eventKey, eventTarget } from './event-key.ts'
import { findReplyCustomers, needsCustomer } from './find-reply-customers.ts'
import { type IngestedMessage, type IngestSettings, ingestMessages } from './ingest-messages.ts'

export type { IngestSettings }

export interface BatchOutcome {
  results: IngestResult[]
  /** The messages ingested now, for what follows the commit (automatic messages, live updates). */
  ingested: { message: InboundMessage; ingested: IngestedMessage }[]
}

export async function ingestBatch(
  db: Db,
  batch: readonly ChannelEvent[],
  settings: IngestSettings,
  now: Date,
): Promise<BatchOutcome> {
  const fresh = await storeRawEvents(db, batch)
  const toIngest = batch.map((e, i) => (fresh[i] && e.type === 'message' ? e.message : null))
  const done = new Map<number, IngestedMessage>()
  const ingestAt = async (indices: number[]) => {
    if (!indices.length) return
    const results = await ingestMessages(
      db,
      indices.map((i) => toIngest[i]!),
      settings,
      now,
    )
    for (const [k, i] of indices.entries()) done.set(i, results[k]!)
  }
  // A business reply on a comment joins the ticket of the comment it answers, which may come in this
  // very batch: such replies go second, once every other message is stored.
  const replies = toIngest.flatMap((m, i) => (m && needsCustomer(m) ? [i] : []))
  await ingestAt(toIngest.flatMap((m, i) => (m && !needsCustomer(m) ? [i] : [])))
  if (replies.length) {
    const placed = await findReplyCustomers(
      db,
      replies.map((i) => toIngest[i]!),
    )
    for (const [k, i] of replies.entries()) toIngest[i] = placed[k]!
    await ingestAt(replies.filter((i) => toIngest[i]))
  }
  const linked = [...done.keys()].sort((a, b) => a - b)
  await linkToMessages(
    db,
    linked.map((i) => ({ channelId: toIngest[i]!.channelId, key: eventKey(batch[i]!) })),
    linked.map((i) => done.get(i)!),
  )
  await applyEarlyDeletions(
    db,
    [...done.keys()].map((i) => toIngest[i]!),
  )
  const updates = batch.filter((e, i) => fresh[i] && e.type !== 'message')
  const { unmatched, failedTicketIds } = await applyDeliveryUpdates(db, updates)
  await applyMessageChanges(db, updates)
  await applyContactChanges(db, updates, now)
  await applyAccountNotices(db, updates, now)
  // A delivery report about no mail we sent is kept as a message of its own: nothing accepted vanishes.
  const reports = unmatched.flatMap((bounce) => (bounce.report ? [bounce.report] : []))
  const reported = reports.length ? await ingestMessages(db, reports, settings, now) : []

  const earlier = await findEarlier(
    db,
    batch.flatMap((e, i) => (!fresh[i] && e.type === 'message' ? [e.message] : [])),
  )
  const results = batch.map((event, i): IngestResult => {
    if (event.type !== 'message') return { duplicate: !fresh[i], ticketId: null, ticketNumber: null, messageId: null }
    if (!fresh[i])
      return (
        earlier.get(`${event.message.channelId}|${event.message.externalId}`) ?? {
          duplicate: true,
          ticketId: null,
          ticketNumber: null,
          messageId: null,
        }
      )
    const stored = done.get(i)
    // Accepted but on no ticket: a reply to a comment we never stored (kept in inbound_events).
    if (!stored) return { duplicate: false, ticketId: null, ticketNumber: null, messageId: null }
    return { duplicate: false, ticketId: stored.ticketId, ticketNumber: stored.ticketNumber, messageId: stored.messageId }
  })
  const ingested = [
    ...[...done.entries()].sort(([a], [b]) => a - b).map(([i, stored]) => ({ message: toIngest[i]!, ingested: stored })),
    ...reports.map((message, i) => ({ message, ingested: reported[i]! })),
  ]
  const inbound = ingested.filter((i) => i.message.direction === 'inbound')
  await settings.settleTickets(
    db,
    [...new Set([...inbound.map((i) => i.ingested.ticketId), ...failedTicketIds])],
    now,
    new Set(inbound.flatMap((i) => (i.ingested.ticketCreated && !i.message.autoSubmitted ? [i.ingested.ticketId] : []))),
  )
  return { results, ingested }
}

/**
 * Stores the raw events; true for each event to ingest now: seen for the first time (the first of its key
 * within the batch), or stored before but not processed (a retry, or a redelivery of a failed event),
 * which it takes over. Only the first of a key is written: one statement must not touch a row twice.
 */
async function storeRawEvents(db: Db, batch: readonly ChannelEvent[]): Promise<boolean[]> {
  const keyed = batch.map((event) => ({ ...eventTarget(event), key: eventKey(event) }))
  const seen = new Set<string>()
  const first = keyed.map((k) => {
    const id = `${k.channelId}|${k.key}`
    if (seen.has(id)) return false
    seen.add(id)
    return true
  })
  const stored = await rows<{ channel_id: string; external_id: string }>(
    db,
    sql`${insertJsonRecords(
      'inbound_events',
      batch.flatMap((event, i) =>
        first[i]
          ? [
              {
                id: newId(),
                workspaceId: keyed[i]!.workspaceId,
                channelId: keyed[i]!.channelId,
                externalId: keyed[i]!.key,
                payload: withoutFileBytes(event),
                status: 'processed',
              },
            ]
          : [],
      ),
      { id: 'uuid', workspaceId: 'uuid', channelId: 'uuid', externalId: 'text', payload: 'jsonb', status: 'text' },
    )} on conflict (channel_id, external_id) do update
        set status = 'processed', payload = excluded.payload, error = null, next_attempt_at = null
        where inbound_events.status <> 'processed'
      returning channel_id, external_id`,
  )
  const toIngest = new Set(stored.map((s) => `${s.channel_id}|${s.external_id}`))
  return keyed.map((k, i) => first[i]! && toIngest.has(`${k.channelId}|${k.key}`))
}

/**
 * Each stored delivery names the message it became: a mail's key is its Message-ID and a digest (ids
 * are reused), so what that very mail said (its sender, its references) is found by the message.
 */
async function linkToMessages(
  db: Db,
  stored: readonly { channelId: string; key: string }[],
  ingested: readonly IngestedMessage[],
): Promise<void> {
  if (!stored.length) return
  const links = stored.map((s, i) => ({ ch: s.channelId, x: s.key, m: ingested[i]!.messageId, t: ingested[i]!.ticketId }))
  await db.execute(
    sql`update inbound_events e set message_id = v.m, ticket_id = v.t
        from ${jsonRecords(links, 'ch uuid, x text, m uuid, t uuid')}
        where e.channel_id = v.ch and e.external_id = v.x`,
  )
}

async function findEarlier(db: Db, duplicates: readonly InboundMessage[]): Promise<Map<string, IngestResult>> {
  if (!duplicates.length) return new Map()
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

/**
 * The raw event as stored: files' bytes are left out, since the same transaction stores them as
 * attachments (an event kept for a retry keeps them: see keep-for-retry.ts).
 */
function withoutFileBytes(event: ChannelEvent): ChannelEvent {
  if (event.type === 'bounce' && event.report) return { ...event, report: messageWithoutFileBytes(event.report) }
  if (event.type !== 'message') return event
  return { ...event, message: messageWithoutFileBytes(event.message) }
}

function messageWithoutFileBytes(message: InboundMessage): InboundMessage {
  if (message.files.length === 0) return message
  return { ...message, files: message.files.map((file) => ({ ...file, base64: '' })) }
}
