// Who wrote a mail, for its contact and the reply address: From, or, when From is missing, empty or
// no address, Reply-To, Sender, Return-Path and the SMTP envelope's sender, in that order. An address
// with a quoted local part ("john doe"@example.com) is an address. A mail with no address anywhere is
// still a customer's mail: it is kept with the name it gives (or none) and no reply address.
import type { AddressObject, EmailAddress, ParsedMail } from 'mailparser'

export interface MailSender {
  /** Lower case; null when the mail names no usable address. */
  address: string | null
  name: string | null
  /** The header the address came from, for the agent who wonders. */
  source: 'from' | 'reply-to' | 'sender' | 'return-path' | 'envelope' | null
}

/** local@domain, the local part a dot-atom or a quoted string (RFC 5322 3.4.1). */
const mailbox = /^(?:[^\s@<>"(),;:\\[\]]+|"(?:[^"\\\r\n]|\\.)+")@[^\s@<>"(),;:\\[\]]+\.[^\s@<>"(),;:\\[\]]+$/

/** The address as stored and compared (lower case), or null when it is none. */
export function senderAddress(value: string): string | null {
  const trimmed = value.trim().toLowerCase()
  return mailbox.test(trimmed) ? trimmed : null
}

export function findSender(mail: ParsedMail, envelopeFrom: string | null): MailSender {
  const fromEntries = entries(mail.from)
  const name = fromEntries.find((e) => e.name.trim())?.name.trim() || null
  const candidates: [MailSender['source'] & string, EmailAddress[]][] = [
    ['from', fromEntries],
    ['reply-to', entries(mail.replyTo)],
    ['sender', entries(mail.headers.get('sender'))],
    ['return-path', entries(mail.headers.get('return-path'))],
    ['envelope', envelopeFrom ? [{ address: envelopeFrom, name: '' }] : []],
  ]
  for (const [source, list] of candidates) {
    const found = list.find((e) => e.address && senderAddress(e.address))
    if (found) return { address: senderAddress(found.address!), name: name ?? (found.name.trim() || null), source }
  }
  return { address: null, name, source: null }
}

/** The mailboxes of an address header, groups opened. */
function entries(header: unknown): EmailAddress[] {
  const objects = ([] as unknown[]).concat(header ?? [])
  return objects.flatMap((object) => {
    const value = (object as AddressObject | null)?.value
    return Array.isArray(value) ? value.flatMap((v) => [v, ...(v.group ?? [])]) : []
  })
}
