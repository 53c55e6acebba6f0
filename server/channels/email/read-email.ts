// A received mail's bytes to the events it makes, one per email channel it was addressed to, or the
// reason it is refused. Shared by the SMTP listener and the HTTP webhook, so both read mail alike.
import { simpleParser } from 'mailparser'
import type { ChannelEvent } from '../channel-event.ts'
import { maxSanitisedHtmlChars } from './email-html.ts'
import { type EmailChannel, normaliseEmail, type ReceivedEmail } from './normalise-email.ts'

export interface EmailRefusal {
  reason: 'unparseable' | 'no_sender'
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
    mail = await simpleParser(raw, mailParseOptions)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    return { refusal: { reason: 'unparseable', message: `The message could not be parsed as MIME (${detail}).` } }
  }
  const events: ChannelEvent[] = []
  for (const channel of channels) {
    const reading = normaliseEmail({ mail, raw, envelope, receivedAt }, channel)
    if ('refusal' in reading) return { refusal: { reason: 'no_sender', message: 'The message has no From address (no sender).' } }
    events.push(reading.event)
  }
  return { events }
}
