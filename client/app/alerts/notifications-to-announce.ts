// Which of the bell's notifications to announce (pure): unread, of a kind that needs the agent at once,
// not announced on this device before, and not about the ticket the agent is looking at right now. The
// first list read after the app starts is the backlog: it is remembered as seen, never announced.
import { type Notification, urgentNotificationKinds } from '../../../shared/schema/notification.ts'

export function notificationsToAnnounce(
  items: readonly Notification[],
  announced: ReadonlySet<string>,
  watchedTicketId: string | null,
): Notification[] {
  return items.filter(
    (n) =>
      !n.readAt &&
      !announced.has(n.id) &&
      urgentNotificationKinds.includes(n.kind) &&
      (n.ticketId === null || n.ticketId !== watchedTicketId),
  )
}
