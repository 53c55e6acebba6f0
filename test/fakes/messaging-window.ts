// Meta's customer-service windows, as the fake enforces them when told to: free-form
// messages only within 24 h of the customer's last message; on Messenger and Instagram a HUMAN_AGENT
// tag stretches that to 7 days; on WhatsApp only templates go out after 24 h. Pure: the clock is passed in.
import { type GraphErrorAnswer, graphErrors } from './graph-errors.ts'

export interface MessagingWindow {
  /** When each customer last wrote, by id: PSID, IGSID or WhatsApp number. Absent means never. */
  lastCustomerMessageAt: Record<string, number | Date>
  /** WhatsApp free-form text outside 24 h: `sync` answers 400 #131047; `async` answers 200, then a failed status. */
  whatsapp: 'sync' | 'async'
  /** Recipients who are Instagram users: their error is 10/2534022 instead of Messenger's 10/2018278. */
  instagramUserIds?: string[]
}

const hour = 3_600_000

function sinceLastMessage(window: MessagingWindow, userId: string, now: number): number {
  const at = window.lastCustomerMessageAt[userId]
  return at === undefined ? Number.POSITIVE_INFINITY : now - new Date(at).getTime()
}

/** The error a Messenger or Instagram send gets outside its window, or null when it may go. */
export function messengerWindowError(
  window: MessagingWindow,
  send: { recipientId: string; messagingType?: string; tag?: string },
  now: number,
): GraphErrorAnswer | null {
  const elapsed = sinceLastMessage(window, send.recipientId, now)
  const tagged = send.messagingType === 'MESSAGE_TAG'
  // Tags other than HUMAN_AGENT have their own rules the fake does not model: they go through.
  if (tagged && send.tag !== 'HUMAN_AGENT') return null
  const limit = tagged ? 7 * 24 * hour : 24 * hour
  if (elapsed < limit) return null
  const instagram = window.instagramUserIds?.includes(send.recipientId) ?? false
  return instagram ? graphErrors.instagramOutsideWindow : graphErrors.messengerOutsideWindow
}

/** True when a WhatsApp message of this type may not go to `to` now (anything but a template after 24 h). */
export function whatsappOutsideWindow(window: MessagingWindow, send: { to: string; type: string }, now: number): boolean {
  if (send.type === 'template') return false
  const digits = send.to.replace(/\D/g, '')
  const elapsed = Math.min(sinceLastMessage(window, digits, now), sinceLastMessage(window, send.to, now))
  return elapsed >= 24 * hour
}
