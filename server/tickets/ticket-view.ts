// Ticket rows as the API shows them (shared/schema/ticket.ts).
import type { Ticket } from '../../shared/schema/ticket.ts'
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
  firstResponseAt: tickets.firstResponseAt,
}

type TimeFields = 'createdAt' | 'updatedAt' | 'lastMessageAt' | 'firstResponseAt' | 'replyWindowClosesAt'
export type TicketRow = Omit<Ticket, TimeFields> & {
  createdAt: Date
  updatedAt: Date
  lastMessageAt: Date
  firstResponseAt: Date | null
  lastCustomerMessageAt: Date | null
}

/** Channels whose provider only lets a business answer for a while after the customer last wrote. */
const replyWindowHours: Partial<Record<Ticket['channelKind'], number>> = { whatsapp: 24, messenger: 24, instagram: 24 }

export function toTicket(row: TicketRow): Ticket {
  const windowHours = replyWindowHours[row.channelKind]
  const windowClosesAt =
    windowHours && row.lastCustomerMessageAt ? new Date(row.lastCustomerMessageAt.getTime() + windowHours * 3_600_000) : null
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
    replyWindowClosesAt: windowClosesAt?.toISOString() ?? null,
  }
}
