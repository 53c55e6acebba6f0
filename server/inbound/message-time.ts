// When a customer's message was sent, for the thread: the time its channel gives it (Meta's timestamp,
// the mail's Date header), unless that is not believable — ahead of our clock, or older than any
// provider keeps retrying a delivery — when the time it reached us is the best there is.

/** Meta retries a webhook for up to a day and a half; mail can wait in a queue for days. */
const longestDeliveryMs = 7 * 24 * 3600_000

export function messageTime(sentAt: string, receivedAt: Date): Date {
  const sent = new Date(sentAt)
  if (Number.isNaN(sent.getTime())) return receivedAt
  if (sent > receivedAt || receivedAt.getTime() - sent.getTime() > longestDeliveryMs) return receivedAt
  return sent
}
