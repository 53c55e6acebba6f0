// One received mail, parsed, to the channel event it is for one email channel: a delivery report about
// a mail we sent (a bounce), or a customer message with its text, safe HTML, files, threading hints
// and whether a machine sent it. Pure: the caller parses, refuses and submits.
import type { AddressObject, ParsedMail } from 'mailparser'
import type { ChannelEvent } from '../channel-event.ts'
import type { InboundMessage } from '../inbound-message.ts'
import { deliveryDigest, deliveryKey } from './delivery-key.ts'
import { detectAutomatic } from './detect-automatic.ts'
import { emailFiles } from './email-files.ts'
import { emailHtml } from './email-html.ts'
import { emailText } from './email-text.ts'
import { findSender } from './find-sender.ts'
import { normaliseMessageId } from './message-id.ts'
import { isDeliveryReport, readBounce } from './read-bounce.ts'
import { threadHints } from './thread-hints.ts'

export interface EmailChannel {
  id: string
  workspaceId: string
  /** The channel's address, lower case. */
  address: string
}

export interface ReceivedEmail {
  mail: ParsedMail
  /** The message as received, for its size. */
  raw: Uint8Array
  /** The SMTP envelope (from '' is the null sender); null when the mail came over HTTP. */
  envelope: { from: string; to: string[] } | null
  receivedAt: Date
}

/** The tag on the ticket of a delivery report that names no mail we sent: agents filter on it. */
export const deliveryReportTag = 'delivery-report'

const maxExternalId = 512
const maxSubject = 998
const maxKeptHeaderChars = 64 * 1024
/** A Date header further back than this is taken for a wrong clock, not for a slow delivery. */
const maxDeliveryDelayMs = 30 * 24 * 3600 * 1000

export function normaliseEmail(received: ReceivedEmail, channel: EmailChannel): ChannelEvent {
  const { mail, envelope, receivedAt } = received
  const target = { workspaceId: channel.workspaceId, channelId: channel.id }
  const report = readBounce(mail, envelope?.from ?? null)
  if (report) {
    return {
      type: 'bounce',
      ...target,
      externalId: report.originalMessageId,
      at: receivedAt.toISOString(),
      reason: report.reason,
      outcome: report.outcome,
      report: customerMessage(received, channel, true),
    }
  }
  const isReport = isDeliveryReport(mail, envelope?.from ?? null)
  return { type: 'message', message: customerMessage(received, channel, isReport) }
}

/** The mail as a message on a ticket; a delivery report is tagged as one and sent by a machine. */
function customerMessage(received: ReceivedEmail, channel: EmailChannel, isReport: boolean): InboundMessage {
  const { mail, envelope, receivedAt } = received
  const sender = findSender(mail, envelope?.from ?? null)
  const automatic = detectAutomatic({
    headerLines: mail.headerLines,
    envelopeFrom: envelope?.from ?? null,
    fromAddress: sender.address,
    ownAddress: channel.address,
  })
  const { html, original } = emailHtml(mail.html)
  const { files, attachments } = emailFiles(mail.attachments, original)
  const digest = deliveryDigest(mail, sender.address)
  const messageId = mail.messageId ? normaliseMessageId(mail.messageId) : null
  // Without a Message-ID (or with an absurd one), the content digest is the identity.
  const externalId = messageId && messageId.length <= maxExternalId ? messageId : `sha256:${digest}`
  const inReplyTo = mail.inReplyTo ? normaliseMessageId(mail.inReplyTo) : null
  return {
    workspaceId: channel.workspaceId,
    channelId: channel.id,
    channelKind: 'email',
    externalId,
    deliveryKey: externalId === messageId ? deliveryKey(externalId, digest) : externalId,
    sentAt: sentAtOf(mail.date, receivedAt).toISOString(),
    contact: {
      name: sender.name,
      identities: sender.address ? [{ kind: 'email', value: sender.address }] : [],
    },
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
    mail: {
      from: sender.address ?? '',
      to: addressesOf(mail.to),
      cc: addressesOf(mail.cc),
    },
    files,
    autoSubmitted: isReport || automatic !== null,
    ...(isReport ? { ticketTags: [deliveryReportTag] } : {}),
    body: emailText(mail.text, html, original),
    html,
    attachments,
    raw: {
      size: received.raw.byteLength,
      envelope,
      automatic,
      senderFrom: sender.source,
      headers: keptHeaders(mail),
    },
  }
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

/** The addresses of a To or Cc header, lower-cased. */
function addressesOf(header: AddressObject | AddressObject[] | undefined): string[] {
  return ([] as AddressObject[])
    .concat(header ?? [])
    .flatMap(addressesIn)
    .map((a) => a.toLowerCase())
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
