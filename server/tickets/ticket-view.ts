// Ticket rows as the API shows them (shared/schema/ticket.ts).
import type { Ticket } from '../../shared/schema/ticket.ts'
import { humanAgentWindowClosesAt, replyWindowClosesAt } from '../channels/meta/reply-window.ts'
import { tickets } from '../db/schema/tickets.ts'

/** The columns a ticket's API shape is built from (never the search vector). */
export const ticketColumns = {
  id: tickets.id,
  number: tickets.number,
  subject: tickets.subject,
  status: tickets.status,
  priority: tickets.priority,
  channelId: tickets.channelId,
  channelKind: tickets.channelKind,
  contactId: tickets.contactId,
  assigneeId: tickets.assigneeId,
  teamId: tickets.teamId,
  tags: tickets.tags,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  lastMessageAt: tickets.lastMessageAt,
  lastMessagePreview: tickets.lastMessagePreview,
  lastCustomerMessageAt: tickets.lastCustomerMessageAt,
  threadKey: tickets.threadKey,
  firstResponseAt: tickets.firstResponseAt,
  replyFailedAt: tickets.replyFailedAt,
  priorityScore: tickets.priorityScore,
  slaPolicyId: tickets.slaPolicyId,
  firstReplyDueAt: tickets.firstReplyDueAt,
  nextReplyDueAt: tickets.nextReplyDueAt,
  resolutionDueAt: tickets.resolutionDueAt,
  snoozedUntil: tickets.snoozedUntil,
  snoozedUntilCustomerReplies: tickets.snoozedUntilCustomerReplies,
}

type TimeFields =
  | 'createdAt'
  | 'updatedAt'
  | 'lastMessageAt'
  | 'firstResponseAt'
  | 'replyWindowClosesAt'
  | 'humanAgentWindowClosesAt'
  | 'lastCustomerMessageAt'
  | 'replyFailedAt'
  | 'snoozedUntil'
export type TicketRow = Omit<Ticket, TimeFields | 'sla'> & {
  snoozedUntil: Date | null
  slaPolicyId: string | null
  firstReplyDueAt: Date | null
  nextReplyDueAt: Date | null
  resolutionDueAt: Date | null
  createdAt: Date
  updatedAt: Date
  lastMessageAt: Date
  firstResponseAt: Date | null
  lastCustomerMessageAt: Date | null
  replyFailedAt: Date | null
}

/** `breaches` are read apart (server/sla/ticket-breaches.ts) by the views that show them. */
export function toTicket(row: TicketRow, breaches: NonNullable<Ticket['sla']>['breaches'] = []): Ticket {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    channelId: row.channelId,
    channelKind: row.channelKind,
    contactId: row.contactId,
    assigneeId: row.assigneeId,
    teamId: row.teamId,
    tags: row.tags,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastMessageAt: row.lastMessageAt.toISOString(),
    lastMessagePreview: row.lastMessagePreview,
    firstResponseAt: row.firstResponseAt?.toISOString() ?? null,
    replyFailedAt: row.replyFailedAt?.toISOString() ?? null,
    replyWindowClosesAt: replyWindowClosesAt(row.channelKind, row.lastCustomerMessageAt)?.toISOString() ?? null,
    humanAgentWindowClosesAt: humanAgentWindowClosesAt(row.channelKind, row.lastCustomerMessageAt)?.toISOString() ?? null,
    lastCustomerMessageAt: row.lastCustomerMessageAt?.toISOString() ?? null,
    threadKey: row.threadKey,
    priorityScore: row.priorityScore,
    sla: row.slaPolicyId
      ? {
          policyId: row.slaPolicyId,
          firstReplyDueAt: row.firstReplyDueAt?.toISOString() ?? null,
          nextReplyDueAt: row.nextReplyDueAt?.toISOString() ?? null,
          resolutionDueAt: row.resolutionDueAt?.toISOString() ?? null,
          breaches,
        }
      : null,
    snoozedUntil: row.snoozedUntil?.toISOString() ?? null,
    snoozedUntilCustomerReplies: row.snoozedUntilCustomerReplies,
  }
}
