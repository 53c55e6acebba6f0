// One received mail, parsed, to the channel event it is for one email channel: a delivery report about
// a mail we sent (a bounce), or a customer message with its text, safe HTML, files, threading hints
// and whether a machine sent it. Pure: the caller parses, refuses and submits.
import { createHash } from 'node:crypto'
import type { AddressObject, ParsedMail } from 'mailparser'
import type { ChannelEvent } from '../channel-event.ts'
import type { InboundMessage } from '../inbound-message.ts'
import { detectAutomatic } from './detect-automatic.ts'
import { canonicalAddress } from './email-address.ts'
import { emailFiles } from './email-files.ts'
import { emailHtml, roughText } from './email-html.ts'
import { normaliseMessageId } from './message-id.ts'
import { readBounce } from './read-bounce.ts'
import { threadHints } from './thread-hints.ts'

export interface EmailChannel {
  id: string
  workspaceId: string
  /** The channel's address, lower case. */
  address: string
}

export interface ReceivedEmail {
  mail: ParsedMail
  /** The message as received, for its size and, without a Message-ID, its identity. */
  raw: Uint8Array
  /** The SMTP envelope (from '' is the null sender); null when the mail came over HTTP. */
  envelope: { from: string; to: string[] } | null
  receivedAt: Date
}

export type EmailReading = { event: ChannelEvent } | { refusal: 'no_sender' }

const maxExternalId = 512
const maxSubject = 998
const maxKeptHeaderChars = 64 * 1024
/** A Date header further back than this is taken for a wrong clock, not for a slow delivery. */
const maxDeliveryDelayMs = 30 * 24 * 3600 * 1000

export function normaliseEmail(received: ReceivedEmail, channel: EmailChannel): EmailReading {
  const { mail, envelope, receivedAt } = received
  const target = { workspaceId: channel.workspaceId, channelId: channel.id }
  const report = readBounce(mail, envelope?.from ?? null)
  if (report) {
    const at = receivedAt.toISOString()
    const externalId = report.originalMessageId
    if (report.outcome === 'failed') return { event: { type: 'bounce', ...target, externalId, at, reason: report.reason } }
    const status = report.outcome === 'delivered' ? 'delivered' : 'sent'
    return { event: { type: 'status', ...target, externalId, status, at, error: null } }
  }

  const sender = mail.from?.value.find((v) => v.address && canonicalAddress(v.address))
  const fromAddress = sender?.address ? canonicalAddress(sender.address) : null
  if (!sender || !fromAddress) return { refusal: 'no_sender' }
  const automatic = detectAutomatic({
    headerLines: mail.headerLines,
    envelopeFrom: envelope?.from ?? null,
    fromAddress,
    ownAddress: channel.address,
  })
  const { html, original } = emailHtml(mail.html)
  const { files, attachments } = emailFiles(mail.attachments, original)
  const text = mail.text?.trim() ? mail.text : original ? roughText(original) : (mail.text ?? '')
  const inReplyTo = mail.inReplyTo ? normaliseMessageId(mail.inReplyTo) : null
  const message: InboundMessage = {
    ...target,
    channelKind: 'email',
    externalId: externalIdOf(mail, received.raw),
    sentAt: sentAtOf(mail.date, receivedAt).toISOString(),
    contact: { name: sender.name.trim() || null, identities: [{ kind: 'email', value: fromAddress }] },
    subject: mail.subject?.trim().slice(0, maxSubject) || null,
    thread: null,
    direction: 'inbound',
    replyToExternalId: inReplyTo,
    emailThread: threadHints({
      inReplyTo: mail.inReplyTo,
      references: mail.references,
      subject: mail.subject,
      recipients: [...(envelope?.to ?? []), ...headerRecipients(mail)],
      channelAddress: channel.address,
    }),
    files,
    autoSubmitted: automatic !== null,
    body: text,
    html,
    attachments,
    raw: {
      size: received.raw.byteLength,
      envelope,
      automatic,
      headers: keptHeaders(mail),
    },
  }
  return { event: { type: 'message', message } }
}

/** The Message-ID; without one (or an absurd one), a hash of the bytes, so a redelivery is still one message. */
function externalIdOf(mail: ParsedMail, raw: Uint8Array): string {
  const id = mail.messageId ? normaliseMessageId(mail.messageId) : null
  if (id && id.length <= maxExternalId) return id
  return `sha256:${createHash('sha256').update(raw).digest('hex')}`
}

/** The Date header when it is believable: not in the future, not from a clock a month behind. */
function sentAtOf(date: Date | undefined, receivedAt: Date): Date {
  if (!date || Number.isNaN(date.getTime())) return receivedAt
  if (date > receivedAt || receivedAt.getTime() - date.getTime() > maxDeliveryDelayMs) return receivedAt
  return date
}

function headerRecipients(mail: ParsedMail): string[] {
  return ['to', 'cc', 'delivered-to', 'x-original-to'].flatMap((name) =>
    ([] as unknown[]).concat(mail.headers.get(name) ?? []).flatMap(addressesIn),
  )
}

/** Addresses of a parsed address header (groups included), or found in a header left as text. */
function addressesIn(value: unknown): string[] {
  if (typeof value === 'string') return value.match(/[^\s<>,;:"]+@[^\s<>,;:"]+/g) ?? []
  if (typeof value !== 'object' || value === null || !Array.isArray((value as AddressObject).value)) return []
  const entries = (value as AddressObject).value.flatMap((v) => [v, ...(v.group ?? [])])
  return entries.flatMap((v) => (v.address ? [v.address] : []))
}

/** The header lines, as received, up to a size: what an agent or an audit may need, never the body. */
function keptHeaders(mail: ParsedMail): string[] {
  const kept: string[] = []
  let chars = 0
  for (const { line } of mail.headerLines) {
    chars += line.length
    if (chars > maxKeptHeaderChars) break
    kept.push(line)
  }
  return kept
}
