// Delivery status notifications (RFC 3464): a mail server telling us what became of
// a mail we sent. Read from `multipart/report; report-type=delivery-status`, or from a classic
// MAILER-DAEMON bounce that quotes the original. The original is named by its Message-ID.
import type { ParsedMail } from 'mailparser'
import { headerValue, readHeaderLines } from './header-lines.ts'
import { normaliseMessageId } from './message-id.ts'

export interface DeliveryReport {
  /** The Message-ID of the mail we sent, angle brackets included. */
  originalMessageId: string
  /** failed: permanently (a bounce); delayed: delayed or handed on; delivered: the recipient has it. */
  outcome: 'failed' | 'delayed' | 'delivered'
  /** For people: status, recipient and the server's own words. */
  reason: string
}

const maxReason = 500
const bounceSubject =
  /undeliver|returned mail|delivery (status notification|failure|has failed|failed)|failure notice|mail delivery failed|non-?delivery/i

/** The report this mail is, or null when it is no delivery report or names no original. */
export function readBounce(mail: ParsedMail, envelopeFrom: string | null): DeliveryReport | null {
  if (!isDeliveryReport(mail, envelopeFrom)) return null
  const statusText = partText(mail, ['message/delivery-status'])
  const blocks = statusText === null ? [] : statusBlocks(statusText)
  const originalMessageId = originalId(mail, blocks)
  if (!originalMessageId) return null
  const recipient = pickRecipient(blocks.slice(1))
  if (!recipient) return { originalMessageId, outcome: 'failed', reason: fallbackReason(mail) }
  const { action, status, diagnostic, finalRecipient } = recipient
  const outcome =
    action === 'failed' || (!action && status.startsWith('5')) ? 'failed' : action === 'delivered' ? 'delivered' : 'delayed'
  const words = [status, diagnostic].filter(Boolean).join(' ') || action || 'delivery failed'
  const reason = finalRecipient ? `${finalRecipient}: ${words}` : words
  return { originalMessageId, outcome, reason: reason.slice(0, maxReason) }
}

/** A delivery status notification, or a classic bounce from a mailer daemon or the null sender. */
export function isDeliveryReport(mail: ParsedMail, envelopeFrom: string | null): boolean {
  const contentType = headerValue(mail.headerLines, 'content-type') ?? ''
  if (/^multipart\/report\b/i.test(contentType) && /report-type\s*=\s*"?delivery-status/i.test(contentType)) return true
  const from = mail.from?.value[0]?.address ?? mail.from?.text ?? ''
  const fromDaemon = /^\s*(mailer-daemon|postmaster)\b/i.test(from)
  return (fromDaemon || envelopeFrom === '') && bounceSubject.test(mail.subject ?? '')
}

interface RecipientStatus {
  action: string
  status: string
  diagnostic: string
  finalRecipient: string
}

/** The delivery-status body: a per-message block, then one block per recipient. */
function statusBlocks(text: string): Map<string, string>[] {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((block) => new Map(readHeaderLines(block).map((l) => [l.key, unfoldValue(l.line)])))
    .filter((block) => block.size > 0)
}

/** The recipient that says most: a failure first, then a delay, then anything with a status. */
function pickRecipient(blocks: Map<string, string>[]): RecipientStatus | null {
  const recipients = blocks.map((b) => ({
    action: (b.get('action') ?? '').toLowerCase(),
    status: b.get('status') ?? '',
    diagnostic: b.get('diagnostic-code') ?? '',
    finalRecipient: (b.get('final-recipient') ?? b.get('original-recipient') ?? '').replace(/^rfc822;\s*/i, ''),
  }))
  const byAction = (action: string) => recipients.find((r) => r.action === action)
  return byAction('failed') ?? byAction('delayed') ?? recipients.find((r) => r.action || r.status) ?? null
}

function originalId(mail: ParsedMail, blocks: Map<string, string>[]): string | null {
  for (const block of blocks) {
    const named = block.get('original-message-id') ?? block.get('x-original-message-id')
    if (named) return normaliseMessageId(named)
  }
  const quoted = partText(mail, ['message/rfc822', 'text/rfc822-headers', 'message/rfc822-headers'])
  const fromPart = quoted === null ? null : headerValue(readHeaderLines(quoted.split(/\r?\n\r?\n/)[0]!), 'message-id')
  if (fromPart) return normaliseMessageId(fromPart)
  // A classic bounce quotes the original's headers in its text.
  const inText = mail.text?.match(/^[ \t>]*Message-ID:[ \t]*(<[^<>\s]+>)/im)?.[1]
  return inText ? normaliseMessageId(inText) : null
}

function partText(mail: ParsedMail, types: string[]): string | null {
  const part = mail.attachments.find((a) => types.includes(a.contentType.toLowerCase()))
  return part ? part.content.toString('utf8') : null
}

function fallbackReason(mail: ParsedMail): string {
  const smtpLine = mail.text?.match(/^.*\b[45]\d\d[ -][45]\.\d{1,3}\.\d{1,3}\b.*$/m)?.[0]?.trim()
  return (smtpLine || mail.subject || 'delivery failed').slice(0, maxReason)
}

function unfoldValue(line: string): string {
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim()
}
