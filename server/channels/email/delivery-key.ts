// The key a mail is deduplicated under: its Message-ID and a digest of what makes it this mail (sender,
// Date header, subject, text, HTML, files). A redelivery (an SMTP retry, the same mail relayed twice
// with other Received lines) has the same key and is stored once; another mail reusing the id (some
// senders and tools reuse ids) has another key and is a message of its own.
import { createHash } from 'node:crypto'
import type { ParsedMail } from 'mailparser'
import { headerValue } from './header-lines.ts'

export function deliveryDigest(mail: ParsedMail, senderAddress: string | null): string {
  const hash = createHash('sha256')
  const parts = [
    senderAddress ?? '',
    headerValue(mail.headerLines, 'date') ?? '',
    mail.subject ?? '',
    mail.text ?? '',
    mail.html || '',
    ...mail.attachments.map((a) => a.checksum),
  ]
  for (const part of parts) hash.update(part).update('\u0000')
  return hash.digest('hex').slice(0, 40)
}

/** `<id@host> digest`: the space keeps the Message-ID readable as the key's prefix. */
export function deliveryKey(externalId: string, digest: string): string {
  return `${externalId} ${digest}`
}
