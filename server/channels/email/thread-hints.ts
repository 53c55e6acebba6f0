// What a mail says about the conversation it continues: the Message-IDs it answers
// and a ticket number. Ingest looks these up; a mail with none that match opens a new ticket.
import { baseAddress, canonicalAddress, plusSuffix } from './email-address.ts'
import { messageIdList } from './message-id.ts'

export interface ThreadHints {
  /** In-Reply-To, then References from the nearest (the parent) back to the root; no repeats. */
  references: string[]
  /** From the reply address support+123@… first, else from a subject tag `[#123]`. */
  ticketNumber: number | null
}

const maxReferences = 100
const maxIdLength = 998
const maxTicketNumber = 2_147_483_647

export function threadHints(input: {
  inReplyTo: string | undefined
  references: string | string[] | undefined
  subject: string | undefined
  /** Every address the mail was sent to (envelope and headers). */
  recipients: readonly string[]
  /** The channel's own address; only its plus-addresses carry ticket numbers. */
  channelAddress: string
}): ThreadHints {
  const references = ([] as string[])
    .concat(input.references ?? [])
    .flatMap(messageIdList)
    .reverse()
  const ids = [...new Set([...messageIdList(input.inReplyTo ?? ''), ...references])]
    .filter((id) => id.length <= maxIdLength)
    .slice(0, maxReferences)
  return { references: ids, ticketNumber: numberFromAddress(input) ?? numberFromSubject(input.subject) }
}

function numberFromAddress({ recipients, channelAddress }: { recipients: readonly string[]; channelAddress: string }) {
  const own = channelAddress.toLowerCase()
  for (const recipient of recipients) {
    const address = canonicalAddress(recipient)
    if (!address || baseAddress(address) !== own) continue
    const suffix = plusSuffix(address)
    if (suffix && /^\d{1,10}$/.test(suffix)) return ticketNumber(suffix)
  }
  return null
}

function numberFromSubject(subject: string | undefined): number | null {
  const tag = subject?.match(/\[#(\d{1,10})\]/)?.[1]
  return tag ? ticketNumber(tag) : null
}

function ticketNumber(digits: string): number | null {
  const n = Number(digits)
  return n >= 1 && n <= maxTicketNumber ? n : null
}
