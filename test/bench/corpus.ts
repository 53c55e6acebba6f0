// The seeded helpdesk, generated deterministically in chunks: contacts, their tickets over the last year,
// and each ticket's thread (customer messages and agent replies, in nine languages). The search terms
// of search-terms.ts are placed here at known rates.
import { v7 } from 'uuid'
import type { ChannelKind } from '../../shared/schema/common.ts'
import {
  agentPhrases,
  customerPhrases,
  familyNames,
  givenNames,
  type Language,
  languages,
  languageWeights,
  products,
} from './phrases.ts'
import { createRandom, type Random } from './random.ts'
import { mediumShare, rareCount } from './search-terms.ts'

export interface SeedContact {
  id: string
  name: string
  email: string
  createdAt: Date
}

export interface SeedTicket {
  id: string
  number: number
  contactId: string
  contactName: string
  channelKind: ChannelKind
  status: 'open' | 'pending' | 'resolved' | 'closed'
  subject: string
  createdAt: Date
  lastMessageAt: Date
  lastMessageBody: string
  lastCustomerMessageAt: Date | null
  resolvedAt: Date | null
}

export interface SeedMessage {
  id: string
  ticketId: string
  channelKind: ChannelKind
  direction: 'inbound' | 'outbound'
  authorType: 'contact' | 'agent'
  /** The contact for inbound messages; null for agent replies (the seed has no agents but the admin). */
  authorId: string | null
  externalId: string | null
  body: string
  createdAt: Date
}

export interface SeedChunk {
  contacts: SeedContact[]
  tickets: SeedTicket[]
  messages: SeedMessage[]
}

export interface CorpusShape {
  tickets: number
  /** A multiple of `tickets`: threads come in pairs whose lengths add up to twice the average. */
  messages: number
  ticketsPerChunk: number
  now: Date
}

const channelKinds: readonly ChannelKind[] = ['email', 'chat', 'whatsapp', 'messenger', 'instagram', 'form']
const channelWeights = [35, 20, 15, 10, 10, 10]
const dayMs = 86_400_000
const latinLanguages: readonly Language[] = ['en', 'es', 'de', 'fr', 'pt']

export function* generateCorpus(shape: CorpusShape): Generator<SeedChunk> {
  const random = createRandom(20_260_101)
  const perTicket = shape.messages / shape.tickets
  const rareAt = new Set(Array.from({ length: rareCount }, (_, k) => Math.floor((shape.messages * (k + 0.5)) / rareCount)))
  const latinShare = latinLanguages.reduce((sum, l) => sum + languageWeights[l], 0) / 100
  let messageIndex = 0
  let pairLength = 0
  let lastContact: SeedContact | null = null

  for (let start = 0; start < shape.tickets; start += shape.ticketsPerChunk) {
    const chunk: SeedChunk = { contacts: [], tickets: [], messages: [] }
    for (let i = start; i < Math.min(start + shape.ticketsPerChunk, shape.tickets); i++) {
      const opened = new Date(shape.now.getTime() - ((shape.tickets - i) / shape.tickets) * 365 * dayMs - random.int(3_600_000))
      // Every fifth ticket is a returning customer.
      let contact: SeedContact | null = lastContact
      if (!contact || i % 5 !== 0) {
        contact = newContact(random, i, opened)
        chunk.contacts.push(contact)
      }
      lastContact = contact
      const length = i % 2 === 0 ? 1 + random.int(2 * perTicket - 1) : 2 * perTicket - pairLength
      pairLength = length
      const language = random.weighted(
        languages,
        languages.map((l) => languageWeights[l]),
      )
      const ticket = openTicket(random, i, contact, opened)
      let at = opened.getTime()
      for (let m = 0; m < length; m++) {
        const inbound = m === 0 || random.next() < 0.6
        let body = inbound ? customerBody(random, language, ticket.channelKind, contact.name) : agentBody(random, language)
        if (latinLanguages.includes(language) && random.next() < mediumShare / latinShare) {
          body += ' Could you also attach the invoice as a PDF?'
        }
        if (rareAt.has(messageIndex)) body += ` The xylophonic chime on my ${random.pick(products)} is broken.`
        messageIndex++
        const message: SeedMessage = {
          id: v7({ msecs: at }),
          ticketId: ticket.id,
          channelKind: ticket.channelKind,
          direction: inbound ? 'inbound' : 'outbound',
          authorType: inbound ? 'contact' : 'agent',
          authorId: inbound ? contact.id : null,
          externalId: inbound ? `seed:${messageIndex}` : null,
          body,
          createdAt: new Date(at),
        }
        chunk.messages.push(message)
        if (m === 0) ticket.subject = body.split('\n')[0]!.slice(0, 120)
        if (inbound) ticket.lastCustomerMessageAt = message.createdAt
        ticket.lastMessageAt = message.createdAt
        ticket.lastMessageBody = body
        at = Math.min(at + 60_000 + random.int(6 * 3_600_000), shape.now.getTime())
      }
      settleStatus(random, ticket, shape.now)
      chunk.tickets.push(ticket)
    }
    yield chunk
  }
}

function newContact(random: Random, i: number, at: Date): SeedContact {
  return {
    id: v7({ msecs: at.getTime() }),
    name: `${random.pick(givenNames)} ${random.pick(familyNames)}`,
    email: `customer${i}@example.com`,
    createdAt: at,
  }
}

function openTicket(random: Random, i: number, contact: SeedContact, opened: Date): SeedTicket {
  return {
    id: v7({ msecs: opened.getTime() }),
    number: i + 1,
    contactId: contact.id,
    contactName: contact.name,
    channelKind: random.weighted(channelKinds, channelWeights),
    status: 'open',
    subject: '',
    createdAt: opened,
    lastMessageAt: opened,
    lastMessageBody: '',
    lastCustomerMessageAt: null,
    resolvedAt: null,
  }
}

/** Recent conversations are mostly open or pending; old ones mostly resolved or closed. */
function settleStatus(random: Random, ticket: SeedTicket, now: Date): void {
  const recent = now.getTime() - ticket.lastMessageAt.getTime() < 14 * dayMs
  const statuses = ['open', 'pending', 'resolved', 'closed'] as const
  ticket.status = random.weighted(statuses, recent ? [60, 25, 15, 0] : [5, 0, 70, 25])
  if (ticket.status === 'resolved' || ticket.status === 'closed') ticket.resolvedAt = ticket.lastMessageAt
}

function fill(random: Random, phrase: string): string {
  return phrase.replace('{p}', random.pick(products)).replace('{n}', String(100_000 + random.int(900_000)))
}

function customerBody(random: Random, language: Language, kind: ChannelKind, name: string): string {
  const pool = customerPhrases[language]
  const sentences = Array.from({ length: 1 + random.int(3) }, () => fill(random, random.pick(pool)))
  const spaced = language === 'ja' || language === 'zh' || language === 'th' ? '' : ' '
  const text = sentences.join(spaced)
  return kind === 'email' ? `${text}\n\n${name}` : text
}

function agentBody(random: Random, language: Language): string {
  return fill(random, random.pick(agentPhrases[language]))
}
