// Threading: a customer message joins the contact's open or pending ticket on that channel; a ticket
// resolved within the reopen window is reopened; otherwise a new ticket is opened.
import { and, desc, eq, gt, inArray, or, sql } from 'drizzle-orm'
import type { ChannelKind } from '../../shared/schema/common.ts'
import type { AuditEntry } from '../audit/audit-entry.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { tickets } from '../db/schema/tickets.ts'
import { workspaces } from '../db/schema/workspaces.ts'
import { segmentForIndex } from '../search/segment.ts'

export interface ThreadTarget {
  workspaceId: string
  channelId: string
  channelKind: ChannelKind
  contactId: string
  contactName: string | null
  subject: string | null
  reopenWindowDays: number
}

export interface ThreadedTicket {
  ticketId: string
  number: number
  created: boolean
  audit: AuditEntry[]
}

export async function findOrOpenTicket(db: Db, target: ThreadTarget): Promise<ThreadedTicket> {
  const reopenAfter = new Date(Date.now() - target.reopenWindowDays * 86_400_000)
  const [existing] = await db
    .select({ id: tickets.id, number: tickets.number, status: tickets.status })
    .from(tickets)
    .where(
      and(
        eq(tickets.contactId, target.contactId),
        eq(tickets.channelId, target.channelId),
        or(
          inArray(tickets.status, ['open', 'pending']),
          and(eq(tickets.status, 'resolved'), gt(tickets.resolvedAt, reopenAfter)),
        ),
      ),
    )
    .orderBy(sql`${tickets.status} = 'resolved'`, desc(tickets.lastMessageAt))
    .limit(1)
  if (existing) {
    const audit: AuditEntry[] = []
    if (existing.status !== 'open') {
      audit.push({
        workspaceId: target.workspaceId,
        actorType: 'contact',
        actorId: target.contactId,
        action: existing.status === 'resolved' ? 'ticket.reopened' : 'ticket.status_changed',
        entityType: 'ticket',
        entityId: existing.id,
        data: { from: existing.status, to: 'open', reason: 'customer_message' },
      })
    }
    return { ticketId: existing.id, number: existing.number, created: false, audit }
  }

  const [seq] = await db
    .update(workspaces)
    .set({ ticketSeq: sql`${workspaces.ticketSeq} + 1` })
    .where(eq(workspaces.id, target.workspaceId))
    .returning({ number: workspaces.ticketSeq })
  if (!seq) throw new Error(`Workspace ${target.workspaceId} does not exist`)
  const ticketId = newId()
  await db.insert(tickets).values({
    id: ticketId,
    workspaceId: target.workspaceId,
    number: seq.number,
    subject: target.subject,
    status: 'open',
    priority: 'normal',
    channelId: target.channelId,
    channelKind: target.channelKind,
    contactId: target.contactId,
    search: sql`to_tsvector('simple', ${ticketSearchText(target.subject, target.contactName)})`,
  })
  return {
    ticketId,
    number: seq.number,
    created: true,
    audit: [
      {
        workspaceId: target.workspaceId,
        actorType: 'contact',
        actorId: target.contactId,
        action: 'ticket.created',
        entityType: 'ticket',
        entityId: ticketId,
        data: { number: seq.number, channelId: target.channelId },
      },
    ],
  }
}

/** What a ticket is found by besides its messages: its subject and its contact's name. */
export function ticketSearchText(subject: string | null, contactName: string | null): string {
  return segmentForIndex([subject, contactName].filter(Boolean).join(' '))
}
