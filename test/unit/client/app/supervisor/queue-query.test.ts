// The supervisor's queues are read from the local database: a snoozed ticket is not waiting on anyone, so
// it counts in no queue and is never the one waiting longest (as the inbox and the server's views say).
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { LocalDb } from '../../../../../client/app/offline/local-db.ts'
import { prepareLocalDb } from '../../../../../client/app/offline/local-schema.ts'
import { storeRows } from '../../../../../client/app/offline/store-sync-page.ts'
import { queryQueues } from '../../../../../client/app/supervisor/queue-query.ts'
import type { Ticket } from '../../../../../shared/schema/ticket.ts'

const uuid = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`

function ticket(n: number, fields: Partial<Ticket>): Ticket {
  return {
    id: uuid(n),
    number: n,
    subject: `Subject ${n}`,
    status: 'open',
    priority: 'normal',
    channelId: uuid(9999),
    channelKind: 'email',
    contactId: uuid(1000 + n),
    assigneeId: null,
    teamId: null,
    tags: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    lastMessageAt: '2026-01-02T10:00:00.000Z',
    lastMessagePreview: `preview ${n}`,
    firstResponseAt: null,
    lastCustomerMessageAt: `2026-01-0${n}T09:00:00.000Z`,
    replyWindowClosesAt: null,
    humanAgentWindowClosesAt: null,
    threadKey: null,
    priorityScore: 0,
    sla: null,
    replyFailedAt: null,
    snoozedUntil: null,
    snoozedUntilCustomerReplies: false,
    ...fields,
  }
}

let db: LocalDb
beforeAll(async () => {
  db = (await prepareLocalDb(new PGlite())) as unknown as LocalDb
  await storeRows(db, {
    tickets: [
      // The two that waited longest are snoozed: until a time to come, and until the customer writes.
      ticket(1, { snoozedUntil: '2999-01-01T00:00:00.000Z' }),
      ticket(2, { snoozedUntilCustomerReplies: true }),
      // A snooze whose time has passed is over on this device's clock: it waits again.
      ticket(3, { snoozedUntil: '2001-01-01T00:00:00.000Z' }),
      ticket(4, {}),
    ],
    messages: [],
    contacts: [],
  })
}, 120_000)
afterAll(async () => {
  await db.close()
})

test('snoozed tickets count in no queue and are not the oldest waiting', async () => {
  const [email, ...others] = await queryQueues(db)
  expect(others).toEqual([])
  expect(email).toMatchObject({ channel_kind: 'email', open: 2, unassigned: 2, oldest_id: uuid(3) })
})
