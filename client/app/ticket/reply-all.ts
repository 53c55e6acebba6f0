// Reply-all on email: everyone the customer's last mail went to or copied, but our own mailboxes and the
// customer (who is the reply's To) — as Front and Zendesk fill Cc.
import type { Message } from '../../../shared/schema/message.ts'

export function replyAllCc(messages: readonly Message[], ownAddresses: readonly string[]): string[] {
  const last = messages.findLast((m) => m.direction === 'inbound' && m.mail)
  if (!last?.mail) return []
  const left = new Set([...ownAddresses, last.mail.from].map((a) => a.toLowerCase()))
  return [...new Set([...last.mail.to, ...last.mail.cc].map((a) => a.toLowerCase()))].filter((a) => !left.has(a))
}

/** The addresses typed in a Cc field: separated by commas, semicolons or spaces. */
export function readCcField(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter(Boolean)
}
