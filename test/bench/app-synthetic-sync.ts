// A synthetic sync stream for the app bench: pages of tickets with ten messages each, in the exact shape
// of GET /api/sync, so the browser's local database can be filled with 10,000 tickets and 100,000
// messages in seconds instead of ingesting them through the server first.
import { randomUUID } from 'node:crypto'
import type { ChannelKind } from '../../shared/schema/common.ts'
import type { SyncPage } from '../../shared/schema/sync.ts'

const kinds: ChannelKind[] = ['whatsapp', 'messenger', 'instagram', 'email', 'chat', 'form']
const words = ['order', 'refund', 'delivery', 'size', 'colour', 'invoice', 'jacket', 'shoes', 'parcel', 'address']

/** `channelId` must name a real channel: the app drops local tickets of channels the server no longer has. */
export function syntheticSyncPages(tickets: number, messagesPerTicket: number, perPage: number, channelId: string): SyncPage[] {
  const pages: SyncPage[] = []
  const start = Date.now() - tickets * 60_000
  // A cursor the real server accepts afterwards: the app keeps syncing against it once seeded.
  const cursor = Buffer.from(`${new Date().toISOString()}|00000000-0000-0000-0000-000000000000`).toString('base64url')
  for (let first = 0; first < tickets; first += perPage) {
    const page: SyncPage = {
      tickets: [],
      messages: [],
      contacts: [],
      removedTicketIds: [],
      cursor,
      more: first + perPage < tickets,
    }
    for (let i = first; i < Math.min(tickets, first + perPage); i++) {
      const at = new Date(start + i * 60_000).toISOString()
      const contactId = randomUUID()
      const ticketId = randomUUID()
      const text = `Question ${i} about my ${words[i % words.length]} and the ${words[(i * 7) % words.length]}`
      page.contacts.push({
        id: contactId,
        name: `Customer ${i}`,
        email: `customer${i}@example.com`,
        phone: null,
        avatarUrl: null,
        marketingOptOutAt: null,
        createdAt: at,
      })
      page.tickets.push({
        id: ticketId,
        number: i + 1,
        subject: null,
        status: i % 5 === 0 ? 'pending' : 'open',
        priority: 'normal',
        channelId,
        channelKind: kinds[i % kinds.length]!,
        contactId,
        assigneeId: null,
        teamId: null,
        tags: [],
        createdAt: at,
        updatedAt: at,
        lastMessageAt: at,
        lastMessagePreview: text,
        firstResponseAt: null,
        lastCustomerMessageAt: at,
        replyWindowClosesAt: null,
        humanAgentWindowClosesAt: null,
        threadKey: null,
        priorityScore: 0,
        sla: null,
      } as unknown as SyncPage['tickets'][number])
      for (let m = 0; m < messagesPerTicket; m++) {
        page.messages.push({
          id: randomUUID(),
          ticketId,
          kind: 'message',
          direction: m % 2 === 0 ? 'inbound' : 'outbound',
          channelKind: kinds[i % kinds.length]!,
          externalId: null,
          authorType: m % 2 === 0 ? 'contact' : 'agent',
          authorId: null,
          body: `${text} (message ${m})`,
          html: null,
          attachments: [],
          status: m % 2 === 0 ? 'received' : 'delivered',
          error: null,
          replyToExternalId: null,
          automatic: false,
          deletedAt: null,
          editedAt: null,
          editHistory: [],
          reactions: [],
          createdAt: at,
        })
      }
    }
    pages.push(page)
  }
  return pages
}
