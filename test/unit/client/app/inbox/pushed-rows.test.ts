// The rows an inbox shows straight from a push must be the rows the local database gives once the push is
// stored: same columns, same view and filters, same order. Checked against a real PGlite with the app's
// own local schema, store and query.
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { foldChanges, inboxOrder } from '../../../../../client/app/inbox/inbox-order.ts'
import { type InboxFilters, type InboxView, queryInbox } from '../../../../../client/app/inbox/inbox-query.ts'
import { pushedInboxRows } from '../../../../../client/app/inbox/pushed-rows.ts'
import type { LocalDb } from '../../../../../client/app/offline/local-db.ts'
import { prepareLocalDb } from '../../../../../client/app/offline/local-schema.ts'
import { type LocalRows, storeRows } from '../../../../../client/app/offline/store-sync-page.ts'
import type { Contact } from '../../../../../shared/schema/contact.ts'
import type { Ticket } from '../../../../../shared/schema/ticket.ts'

const me = '01900000-0000-7000-8000-00000000000a'
const other = '01900000-0000-7000-8000-00000000000b'
const team = '01900000-0000-7000-8000-00000000000c'
const uuid = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`

function contact(n: number, name: string | null): Contact {
  return {
    id: uuid(1000 + n),
    name,
    email: null,
    phone: null,
    avatarUrl: null,
    marketingOptOutAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  }
}

function ticket(n: number, fields: Partial<Ticket>): Ticket {
  return {
    id: uuid(n),
    number: n,
    subject: `Subject ${n}`,
    status: 'open',
    priority: 'normal',
    channelId: uuid(9999),
    channelKind: 'whatsapp',
    contactId: uuid(1000 + n),
    assigneeId: null,
    teamId: null,
    tags: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    lastMessageAt: `2026-01-0${1 + (n % 8)}T10:00:00.000Z`,
    lastMessagePreview: `preview ${n}`,
    firstResponseAt: null,
    lastCustomerMessageAt: '2026-01-01T09:00:00.000Z',
    replyWindowClosesAt: null,
    humanAgentWindowClosesAt: null,
    threadKey: null,
    priorityScore: n * 1.5,
    sla: null,
    replyFailedAt: null,
    snoozedUntil: null,
    snoozedUntilCustomerReplies: false,
    ...fields,
  }
}

const sla = (nextReplyDueAt: string | null) => ({
  policyId: uuid(8888),
  firstReplyDueAt: null,
  nextReplyDueAt,
  resolutionDueAt: null,
  breaches: [],
})

const pushed: LocalRows = {
  tickets: [
    ticket(1, {}),
    ticket(2, { assigneeId: me, status: 'pending', tags: ['vip'] }),
    ticket(3, { assigneeId: other, teamId: team, channelKind: 'email', firstResponseAt: '2026-01-01T08:00:00.000Z' }),
    ticket(4, { status: 'resolved', lastMessageAt: '2026-01-03T10:00:00.000Z' }),
    ticket(5, { firstResponseAt: '2026-01-01T08:00:00.000Z', sla: sla(null), priorityScore: 40 }),
    ticket(6, { firstResponseAt: '2026-01-01T08:00:00.000Z', sla: sla('2026-01-02T00:00:00.000Z'), assigneeId: me }),
    ticket(7, { lastCustomerMessageAt: null, subject: null, lastMessagePreview: null, tags: ['vip', 'b'] }),
    ticket(9, { status: 'closed', channelKind: 'chat', teamId: team }),
    // Answered, but the answer did not reach the customer: still waiting on us.
    ticket(11, { snoozedUntil: '2999-01-01T00:00:00.000Z' }),
    ticket(12, { snoozedUntil: '2001-01-01T00:00:00.000Z', assigneeId: me }),
    ticket(13, { snoozedUntilCustomerReplies: true, status: 'pending' }),
    ticket(10, { firstResponseAt: '2026-01-01T08:00:00.000Z', replyFailedAt: '2026-01-01T08:00:00.000Z', sla: sla(null) }),
    // The same activity time as ticket 1: the id decides.
    ticket(17, { lastMessageAt: ticket(1, {}).lastMessageAt }),
  ],
  messages: [],
  contacts: [contact(1, 'Ada'), contact(2, null), contact(3, 'Chen'), contact(6, 'Dee'), contact(17, 'Eve')],
}

let db: LocalDb
beforeAll(async () => {
  db = (await prepareLocalDb(new PGlite())) as unknown as LocalDb
  await storeRows(db, pushed)
  // PGlite boots in seconds, more on a busy machine.
}, 120_000)
afterAll(async () => {
  await db.close()
})

const views: InboxView[] = ['all', 'mine', 'unassigned', 'pending', 'resolved', 'snoozed', 'channel:whatsapp', 'channel:email']
const filterSets: InboxFilters[] = [
  {},
  { sort: 'priority' },
  { status: 'open' },
  { channel: 'chat' },
  { assigneeId: 'none' },
  { assigneeId: me },
  { teamId: team },
  { tag: 'vip', sort: 'priority' },
]

test('the rows made from a push are the rows the local database gives once it is stored, in every view', async () => {
  for (const view of views) {
    for (const filters of filterSets) {
      const stored = await queryInbox(db, me, view, filters)
      const shown = foldChanges(
        [],
        pushed.tickets.map((t) => t.id),
        pushedInboxRows(pushed, me, view, filters, new Map())!,
        inboxOrder(filters),
      )
      expect(shown, `${view} ${JSON.stringify(filters)}`).toEqual(stored)
    }
  }
})

test('a row read before stays read while nothing newer came, and a search is left to the database', () => {
  const [first] = pushedInboxRows(pushed, me, 'all', {}, new Map())!
  const read = { ...first!, unread: false }
  const again = pushedInboxRows({ ...pushed, tickets: [pushed.tickets[0]!] }, me, 'all', {}, new Map([[read.id, read]]))!
  expect(again[0]!.unread).toBe(false)
  const newer = { ...pushed.tickets[0]!, lastMessageAt: '2026-02-01T00:00:00.000Z' }
  expect(pushedInboxRows({ ...pushed, tickets: [newer] }, me, 'all', {}, new Map([[read.id, read]]))![0]!.unread).toBe(true)
  expect(pushedInboxRows(pushed, me, 'all', { q: 'preview' }, new Map())).toBeNull()
})
