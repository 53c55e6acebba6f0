// One inbound message through the pipeline, inside the caller's transaction: dedupe on the raw event,
// identity -> contact, threading -> ticket, the message row, the ticket's activity, audit entries.
import { and, eq, sql } from 'drizzle-orm'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { inboundEvents } from '../db/schema/inbound-events.ts'
import { messages } from '../db/schema/messages.ts'
import { tickets } from '../db/schema/tickets.ts'
import { resolveContact } from '../identity/resolve-contact.ts'
import { segmentForIndex } from '../search/segment.ts'
import { findOrOpenTicket } from '../tickets/find-or-open-ticket.ts'
import type { InboundMessage, IngestResult } from './inbound-message.ts'

export interface IngestSettings {
  reopenWindowDays: number
}

export async function ingestMessage(db: Db, message: InboundMessage, settings: IngestSettings): Promise<IngestResult> {
  const [event] = await db
    .insert(inboundEvents)
    .values({
      id: newId(),
      workspaceId: message.workspaceId,
      channelId: message.channelId,
      externalId: message.externalId,
      payload: message,
      status: 'processed',
    })
    .onConflictDoNothing()
    .returning({ id: inboundEvents.id })
  if (!event) return findDuplicate(db, message)

  const contact = await resolveContact(db, message.workspaceId, message.contact)
  const ticket = await findOrOpenTicket(db, {
    workspaceId: message.workspaceId,
    channelId: message.channelId,
    channelKind: message.channelKind,
    contactId: contact.contactId,
    contactName: contact.name,
    subject: message.subject,
    reopenWindowDays: settings.reopenWindowDays,
  })
  const messageId = newId()
  const sentAt = new Date(message.sentAt)
  await db.insert(messages).values({
    id: messageId,
    workspaceId: message.workspaceId,
    ticketId: ticket.ticketId,
    kind: 'message',
    direction: 'inbound',
    channelKind: message.channelKind,
    externalId: message.externalId,
    authorType: 'contact',
    authorId: contact.contactId,
    body: message.body,
    html: message.html,
    attachments: message.attachments,
    status: 'received',
    search: sql`to_tsvector('simple', ${segmentForIndex(message.body)})`,
  })
  const now = new Date()
  await db
    .update(tickets)
    .set({
      status: 'open',
      resolvedAt: null,
      updatedAt: now,
      lastMessageAt: now,
      lastMessagePreview: preview(message.body),
      lastCustomerMessageAt: sentAt,
    })
    .where(eq(tickets.id, ticket.ticketId))
  await recordAudit(db, [...contact.audit, ...ticket.audit])
  return { duplicate: false, ticketId: ticket.ticketId, ticketNumber: ticket.number, messageId }
}

async function findDuplicate(db: Db, message: InboundMessage): Promise<IngestResult> {
  const [earlier] = await db
    .select({ messageId: messages.id, ticketId: messages.ticketId, number: tickets.number })
    .from(messages)
    .innerJoin(tickets, eq(tickets.id, messages.ticketId))
    .where(
      and(
        eq(messages.workspaceId, message.workspaceId),
        eq(messages.externalId, message.externalId),
        eq(tickets.channelId, message.channelId),
      ),
    )
    .limit(1)
  return {
    duplicate: true,
    ticketId: earlier?.ticketId ?? null,
    ticketNumber: earlier?.number ?? null,
    messageId: earlier?.messageId ?? null,
  }
}

export function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat
}
