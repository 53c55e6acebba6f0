// The inbox rows of tickets the live stream pushed, made from the pushed payload itself, so a new message
// shows before the local database has stored it (storing takes a round trip to its worker and a
// transaction). Each column and the view's conditions are worked out as store-sync-page.ts stores them
// and inbox-query.ts selects them; the read that follows the store replaces these rows with the same ones.
import type { Ticket } from '../../../shared/schema/ticket.ts'
import type { LocalRows } from '../offline/store-sync-page.ts'
import type { InboxFilters, InboxRow, InboxView } from './inbox-query.ts'

/**
 * The pushed tickets' rows that belong in the view, or null when only the local database can tell (a
 * search also looks into every stored message).
 */
export function pushedInboxRows(
  pushed: LocalRows,
  meId: string,
  view: InboxView,
  filters: InboxFilters,
  shown: ReadonlyMap<string, InboxRow>,
): InboxRow[] | null {
  if (filters.q?.trim()) return null
  const names = new Map(pushed.contacts.map((c) => [c.id, c.name]))
  return pushed.tickets
    .filter((t) => inView(t, meId, view) && passes(t, filters))
    .map((t) => {
      const before = shown.get(t.id)
      const lastMessageAt = new Date(t.lastMessageAt)
      return {
        id: t.id,
        number: t.number,
        status: t.status,
        priority: t.priority,
        channel_kind: t.channelKind,
        // The stored contact's name: the pushed one, else the one the row showed (the same contact).
        contact_name: names.get(t.contactId) ?? before?.contact_name ?? null,
        subject: t.subject,
        preview: t.lastMessagePreview,
        assignee_id: t.assigneeId,
        last_message_at: lastMessageAt,
        waiting_since: t.status === 'open' ? waitingSince(t) : null,
        // Read stays read only while nothing newer came (seen_at is this device's own, not in the payload).
        unread: !before || before.unread || before.last_message_at.getTime() < lastMessageAt.getTime(),
        priority_score: t.priorityScore,
        tags: t.tags,
        sla: t.sla,
        first_response_at: t.firstResponseAt,
        reply_failed: t.replyFailedAt !== null,
      }
    })
}

/** Snoozed on this device's clock, as inbox-query.ts reads it: a snooze whose time has passed is over. */
function isSnoozed(t: Ticket): boolean {
  return (t.snoozedUntil !== null && new Date(t.snoozedUntil).getTime() > Date.now()) || t.snoozedUntilCustomerReplies
}

function inView(t: Ticket, meId: string, view: InboxView): boolean {
  if (view === 'snoozed') return isSnoozed(t)
  if (isSnoozed(t)) return false
  const active = t.status === 'open' || t.status === 'pending'
  if (view === 'mine') return t.assigneeId === meId && active
  if (view === 'unassigned') return t.assigneeId === null && t.status === 'open'
  if (view === 'all') return active
  if (view === 'pending') return t.status === 'pending'
  if (view === 'resolved') return t.status === 'resolved' || t.status === 'closed'
  return t.channelKind === view.slice('channel:'.length) && active
}

function passes(t: Ticket, f: InboxFilters): boolean {
  if (f.status && t.status !== f.status) return false
  if (f.channel && t.channelKind !== f.channel) return false
  if (f.assigneeId === 'none' ? t.assigneeId !== null : f.assigneeId && t.assigneeId !== f.assigneeId) return false
  if (f.teamId && t.teamId !== f.teamId) return false
  if (f.tag && !t.tags.includes(f.tag)) return false
  return true
}

/**
 * Waiting: never answered, our last reply failed, or the customer wrote after the first answer and (where
 * an SLA runs) a next reply is due.
 */
function waitingSince(t: Ticket): Date | null {
  if (t.firstResponseAt === null) return new Date(t.lastCustomerMessageAt ?? t.createdAt)
  if (t.replyFailedAt !== null) return new Date(t.lastCustomerMessageAt ?? t.replyFailedAt)
  const customer = t.lastCustomerMessageAt ? new Date(t.lastCustomerMessageAt) : null
  if (customer && customer > new Date(t.firstResponseAt) && (t.sla === null || t.sla.nextReplyDueAt !== null)) return customer
  return null
}
