// The inbox read from the server, for the moments the local database is not ready yet (a new device, the
// first seconds of a start): the first page of the view, in the shape of a local row, so the list shows
// at once and changes source without a flicker.
import type { Contact } from '../../../shared/schema/contact.ts'
import { type Ticket, type TicketStatus, ticketPageSchema } from '../../../shared/schema/ticket.ts'
import { api } from '../net/http.ts'
import { foldChanges, inboxOrder } from './inbox-order.ts'
import type { InboxFilters, InboxRow, InboxView } from './inbox-query.ts'

/** Rows asked for per status: what fills a screen with room to scroll. */
const pageSize = 50

export interface ServerInbox {
  rows: InboxRow[]
  /** More tickets match than were read. */
  more: boolean
}

function viewQuery(meId: string, view: InboxView): { statuses: TicketStatus[]; params: Record<string, string> } {
  if (view === 'mine') return { statuses: ['open', 'pending'], params: { assigneeId: meId } }
  if (view === 'unassigned') return { statuses: ['open'], params: { assigneeId: 'none' } }
  if (view === 'pending') return { statuses: ['pending'], params: {} }
  if (view === 'resolved') return { statuses: ['resolved', 'closed'], params: {} }
  if (view === 'all') return { statuses: ['open', 'pending'], params: {} }
  if (view === 'snoozed') return { statuses: ['open', 'pending'], params: { view: 'snoozed' } }
  return { statuses: ['open', 'pending'], params: { channel: view.slice('channel:'.length) } }
}

/** The opening view's read, asked for before anything else the signed-in app asks (see `readServerInboxFirst`). */
let opening: { meId: string; askedAt: number; read: Promise<ServerInbox> } | null = null
/** Older than this, an opening read is not used: the inbox was not on screen at the start. */
const openingFreshMs = 5_000

/**
 * Asks the server for the opening view (all, unfiltered) at once, ahead of the directory, the live stream
 * and the local database's files: the browser holds six connections to a server, and the inbox's first
 * rows are what the agent waits for. The inbox's first read of that view takes this answer.
 */
export function readServerInboxFirst(meId: string): void {
  const read = fetchServerInbox(meId, 'all', {})
  read.catch(() => undefined)
  opening = { meId, askedAt: performance.now(), read }
}

export function readServerInbox(meId: string, view: InboxView, filters: InboxFilters): Promise<ServerInbox> {
  const early = opening
  opening = null
  const unfiltered = Object.values(filters).every((value) => value === undefined)
  if (early?.meId === meId && view === 'all' && unfiltered && performance.now() - early.askedAt < openingFreshMs)
    return early.read
  return fetchServerInbox(meId, view, filters)
}

async function fetchServerInbox(meId: string, view: InboxView, filters: InboxFilters): Promise<ServerInbox> {
  const { statuses, params } = viewQuery(meId, view)
  const wanted = filters.status ? statuses.filter((s) => s === filters.status) : statuses
  const common: Record<string, string> = { ...params, include: 'contacts', limit: String(pageSize) }
  if (filters.channel) common.channel = filters.channel
  if (filters.assigneeId) common.assigneeId = filters.assigneeId
  if (filters.teamId) common.teamId = filters.teamId
  if (filters.tag) common.tag = filters.tag
  if (filters.q?.trim()) common.q = filters.q.trim()
  if (filters.sort === 'priority') common.sort = 'priority'
  const pages = await Promise.all(
    wanted.map((status) => api(ticketPageSchema, 'GET', `/api/tickets?${new URLSearchParams({ ...common, status })}`)),
  )
  const names = new Map<string, string | null>()
  for (const contact of pages.flatMap((p) => p.contacts ?? []) as Contact[]) names.set(contact.id, contact.name)
  // Each status's page is the top of its own order: merged, the top `pageSize` are exact.
  const rows = foldChanges(
    [],
    [],
    pages.flatMap((p) => p.items.map((ticket) => toRow(ticket, names.get(ticket.contactId) ?? null))),
    inboxOrder(filters),
  )
  return { rows: rows.slice(0, pageSize), more: rows.length > pageSize || pages.some((p) => p.nextCursor !== null) }
}

/** As the local database derives a row from a ticket (see its `tickets` table). */
function toRow(ticket: Ticket, contactName: string | null): InboxRow {
  return {
    id: ticket.id,
    number: ticket.number,
    status: ticket.status,
    priority: ticket.priority,
    channel_kind: ticket.channelKind,
    contact_name: contactName,
    subject: ticket.subject,
    preview: ticket.lastMessagePreview,
    assignee_id: ticket.assigneeId,
    last_message_at: new Date(ticket.lastMessageAt),
    waiting_since: ticket.status === 'open' ? waitingSince(ticket) : null,
    unread: false,
    priority_score: ticket.priorityScore,
    tags: ticket.tags,
    sla: ticket.sla,
    first_response_at: ticket.firstResponseAt,
    reply_failed: ticket.replyFailedAt !== null,
  }
}

/**
 * Never answered, our last reply failed, or the customer wrote after the first answer and (where an SLA
 * runs) a reply is due.
 */
function waitingSince(ticket: Ticket): Date | null {
  if (ticket.replyFailedAt) return new Date(ticket.lastCustomerMessageAt ?? ticket.replyFailedAt)
  if (!ticket.firstResponseAt) return new Date(ticket.lastCustomerMessageAt ?? ticket.createdAt)
  const customer = ticket.lastCustomerMessageAt ? Date.parse(ticket.lastCustomerMessageAt) : Number.NaN
  if (customer > Date.parse(ticket.firstResponseAt) && (!ticket.sla || ticket.sla.nextReplyDueAt !== null))
    return new Date(customer)
  return null
}
