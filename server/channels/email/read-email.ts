// A received mail's bytes to the events it makes, one per email channel it was addressed to, or the
// reason it is refused. Shared by the SMTP listener and the HTTP webhook, so both read mail alike.
import { simpleParser } from 'mailparser'
import type { ChannelEvent } from '../channel-event.ts'
import { maxSanitisedHtmlChars } from './email-html.ts'
import { type EmailChannel, normaliseEmail, type ReceivedEmail } from './normalise-email.ts'
import { repairCharsets } from './repair-charsets.ts'

export interface EmailRefusal {
  reason: 'unparseable'
  /** For the sending server's log, so a person reading the bounce knows what to fix. */
  message: string
}

export type EmailOutcome = { events: ChannelEvent[] } | { refusal: EmailRefusal }

/**
 * cid: images stay cid: (the client maps them to the message's files, no data: URLs inflating the
 * HTML), a delivery-status part stays a part of its own (read-bounce reads its fields), and HTML too
 * long to convert to text in good time is left to email-html.
 */
export const mailParseOptions = {
  keepCidLinks: true,
  keepDeliveryStatus: true,
  maxHtmlLengthToParse: maxSanitisedHtmlChars,
} as const

export async function readEmail(
  raw: Buffer,
  channels: readonly EmailChannel[],
  envelope: ReceivedEmail['envelope'],
  receivedAt: Date,
): Promise<EmailOutcome> {
  let mail: ReceivedEmail['mail']
  try {
    // A repair that fails (MIME too broken to walk) leaves the bytes to the parser as they came.
    mail = await simpleParser(await repairCharsets(raw).catch(() => raw), mailParseOptions)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    return { refusal: { reason: 'unparseable', message: `The message could not be parsed as MIME (${detail}).` } }
  }
  // RFC 5322 field names: printable ASCII but the colon. Bytes with none are no mail, however lenient we are.
  if (!mail.headerLines.some((line) => /^[!-9;-~]+$/.test(line.key))) {
    return { refusal: { reason: 'unparseable', message: 'The message has no header fields: it is no RFC 5322 message.' } }
  }
  // A mail whose sender cannot be found is kept all the same, as a ticket without a reply address.
  return { events: channels.map((channel) => normaliseEmail({ mail, raw, envelope, receivedAt }, channel)) }
}
