// Customer messages (and echoes of the business's own) through the pipeline, inside the caller's
// transaction, set-based so the statement count does not grow with the batch: identity -> contacts,
// threading -> tickets, the message rows, the tickets' activity, the audit entries. The raw events were
// stored (and deduplicated) by ingest-batch.ts before this runs.
import { createHash } from 'node:crypto'
import { type SQL, sql } from 'drizzle-orm'
import { auditInsert } from '../audit/audit-entry.ts'
import type { InboundMessage } from '../channels/inbound-message.ts'
import type { Db } from '../db/create-db.ts'
import { insertJsonRecords, jsonRecords } from '../db/json-records.ts'
import { newId } from '../db/new-id.ts'
import { runTogether } from '../db/run-together.ts'
import { tickets } from '../db/schema/tickets.ts'
import { normaliseIdentities } from '../identity/normalise-identity.ts'
import { resolveContacts } from '../identity/resolve-contacts.ts'
import { segmentForIndex } from '../search/segment.ts'
import { resolveEmailThreads } from '../tickets/resolve-email-threads.ts'
import { threadMessages } from '../tickets/thread-messages.ts'
import { messageTime } from './message-time.ts'

export interface IngestSettings {
  reopenWindowDays: number
  /** Lock identities while resolving them: needed when batches run side by side (PostgreSQL). */
  lockIdentities: boolean
  /**
   * Writes the priority scores and SLA due times of the tickets customers wrote on, in the ingest
   * transaction (server/rules/settle-ingested-tickets.ts, given by the caller: the rules read ingest's types).
   * `created`: those a customer's message opened now (a new live chat is announced to agents).
   */
  settleTickets(db: Db, ticketIds: readonly string[], now: Date, created: ReadonlySet<string>): Promise<void>
}

export interface IngestedMessage {
  ticketId: string
  ticketNumber: number
  messageId: string
  /** The message made a new contact: the customer's first contact with us. */
  contactCreated: boolean
  /** The message opened its ticket (ticket_created rules run for it). */
  ticketCreated: boolean
}

export async function ingestMessages(
  db: Db,
  accepted: readonly InboundMessage[],
  settings: IngestSettings,
  now: Date,
): Promise<IngestedMessage[]> {
  const { plan, audit: contactAudit } = await resolveContacts(
    db,
    accepted.map((m) => ({
      workspaceId: m.workspaceId,
      identities: normaliseIdentities(m.contact.identities),
      name: m.contact.name,
      avatarUrl: m.contact.avatarUrl ?? null,
    })),
    now,
    settings.lockIdentities,
  )
  const pinned = await resolveEmailThreads(
    db,
    accepted.map((m, i) =>
      m.emailThread
        ? {
            workspaceId: m.workspaceId,
            contactId: plan.contacts[i]!.contactId,
            references: m.emailThread.references,
            ticketNumber: m.emailThread.ticketNumber,
          }
        : null,
    ),
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
      // By email a new mail is a new conversation: unless it answers a ticket, it opens its own.
      threadKey: m.emailThread ? `mail:${m.deliveryKey ?? m.externalId}` : m.thread,
      inbound: m.direction === 'inbound',
      pinned: pinned[i]!,
    })),
    settings.reopenWindowDays,
    now,
  )
  const messageIds = accepted.map(() => newId())
  const arrivedAt = (m: InboundMessage) => (m.receivedAt ? new Date(m.receivedAt) : now)
  const stored = accepted.map((m, i) => storedFiles(m, messageIds[i]!))
  const messageInsert = insertJsonRecords(
    'messages',
    accepted.map((m, i) => ({
      id: messageIds[i],
      workspaceId: m.workspaceId,
      ticketId: threads[i]!.ticketId,
      kind: 'message',
      direction: m.direction,
      channelKind: m.channelKind,
      externalId: m.externalId,
      // An echo was written by a person of the business in another tool: an agent we do not know.
      authorType: m.direction === 'inbound' ? 'contact' : 'agent',
      authorId: m.direction === 'inbound' ? plan.contacts[i]!.contactId : null,
      replyToExternalId: m.replyToExternalId,
      body: m.body,
      html: m.html,
      mail: m.mail,
      attachments: stored[i]!.attachments,
      status: m.direction === 'inbound' ? 'received' : 'sent',
      createdAt: messageTime(m.sentAt, arrivedAt(m)),
      receivedAt: arrivedAt(m),
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
      replyToExternalId: 'text',
      body: 'text',
      html: 'text',
      mail: 'jsonb',
      attachments: 'jsonb',
      status: 'text',
      createdAt: 'timestamptz',
      receivedAt: 'timestamptz',
    },
    { columns: { search: `to_tsvector('simple', v."searchText")` }, inputs: { searchText: 'text' } },
  )
  const files = stored.flatMap((s) => s.rows)
  const fileInsert = files.length
    ? insertJsonRecords(
        'attachments',
        files,
        {
          id: 'uuid',
          workspaceId: 'uuid',
          messageId: 'uuid',
          mimeType: 'text',
          fileName: 'text',
          size: 'integer',
          sha256: 'text',
        },
        { columns: { bytes: `decode(v.base64, 'base64')` }, inputs: { base64: 'text' } },
      )
    : null
  // One round trip for the writes that depend on nothing read above.
  await runTogether(db, [
    messageInsert,
    fileInsert,
    ticketTouch(
      accepted.map((m, i) => ({
        id: threads[i]!.ticketId,
        preview: preview(m.body),
        sentAt: m.sentAt,
        inbound: m.direction === 'inbound',
      })),
      now,
    ),
    auditInsert([...contactAudit, ...ticketAudit], now),
    ticketTagging(accepted.flatMap((m, i) => (m.ticketTags?.length ? [{ id: threads[i]!.ticketId, tags: m.ticketTags }] : []))),
  ])
  return accepted.map((_, i) => ({
    ticketId: threads[i]!.ticketId,
    ticketNumber: threads[i]!.number,
    messageId: messageIds[i]!,
    contactCreated: plan.contacts[i]!.created,
    ticketCreated: threads[i]!.statusBefore === null,
  }))
}

/**
 * Files that came with a message become attachment rows; the message's `upload:<n>` urls point at them.
 */
function storedFiles(message: InboundMessage, messageId: string) {
  const ids = message.files.map(() => newId())
  const attachments = message.attachments.map((a) => {
    const index = a.url?.startsWith('upload:') ? Number(a.url.slice('upload:'.length)) : -1
    return ids[index] ? { ...a, url: `/api/attachments/${ids[index]}` } : a
  })
  const rows = message.files.map((file, i) => {
    const bytes = Buffer.from(file.base64, 'base64')
    return {
      id: ids[i],
      workspaceId: message.workspaceId,
      messageId,
      mimeType: file.mimeType,
      fileName: file.name,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      base64: file.base64,
    }
  })
  return { attachments, rows }
}

interface Touch {
  id: string
  preview: string
  sentAt: string
  inbound: boolean
}

/**
 * Each ticket that got messages: its last activity and preview; a customer message also opens it again
 * and moves the customer time (reply windows count from it); an echo counts as a first response.
 */
function ticketTouch(touched: Touch[], now: Date): SQL {
  const byTicket = new Map<
    string,
    { id: string; preview: string; customerAt: string | null; inbound: boolean; answered: boolean }
  >()
  for (const t of touched) {
    const before = byTicket.get(t.id)
    const customerAt = [before?.customerAt, t.inbound ? t.sentAt : null].filter(Boolean).sort().at(-1) ?? null
    byTicket.set(t.id, {
      id: t.id,
      preview: t.preview,
      customerAt,
      inbound: (before?.inbound ?? false) || t.inbound,
      // A customer message and the business's echo answering it may share a batch: both count.
      answered: (before?.answered ?? false) || !t.inbound,
    })
  }
  return sql`
    update ${tickets} t set
      status = case when v.inbound then 'open' else t.status end,
      resolved_at = case when v.inbound then null else t.resolved_at end,
      -- The customer wrote: a snoozed ticket wakes (server/tickets/snooze-ticket.ts).
      snoozed_until = case when v.inbound then null else t.snoozed_until end,
      snoozed_until_customer_replies = case when v.inbound then false else t.snoozed_until_customer_replies end,
      first_response_at = case when v.answered then coalesce(t.first_response_at, ${now.toISOString()}::timestamptz) else t.first_response_at end,
      last_agent_reply_at = case when v.answered then ${now.toISOString()}::timestamptz else t.last_agent_reply_at end,
      updated_at = ${now.toISOString()}::timestamptz,
      last_message_at = ${now.toISOString()}::timestamptz, last_message_preview = v.preview,
      last_customer_message_at = greatest(t.last_customer_message_at, v."customerAt")
    from ${jsonRecords([...byTicket.values()], 'id uuid, preview text, "customerAt" timestamptz, inbound boolean, answered boolean')}
    where t.id = v.id`
}

/** The tags messages put on their tickets, added to those the tickets have. */
function ticketTagging(tagged: { id: string; tags: string[] }[]): SQL | null {
  if (!tagged.length) return null
  return sql`
    update ${tickets} t set tags = array(select distinct unnest(t.tags || array(select jsonb_array_elements_text(v.tags))))
    from ${jsonRecords(tagged, 'id uuid, tags jsonb')}
    where t.id = v.id`
}

export function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat
}
