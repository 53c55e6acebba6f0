import { expect, test } from 'vitest'
import { type CandidateTicket, planThreads } from '../../../../server/tickets/plan-threads.ts'

const request = (contactId: string, channelId = 'ch1', threadKey: string | null = null) => ({
  workspaceId: 'w',
  channelId,
  channelKind: 'form' as const,
  contactId,
  contactName: null,
  subject: `from ${contactId}`,
  threadKey,
  inbound: true,
  pinned: null as CandidateTicket | null,
})
const candidate = (
  id: string,
  contactId: string,
  status: CandidateTicket['status'],
  channelId = 'ch1',
  threadKey: string | null = null,
): CandidateTicket => ({ id, number: 1, status, contactId, channelId, threadKey })

test('a message joins the first candidate of its conversation', () => {
  const plan = planThreads([request('c1')], [candidate('t-open', 'c1', 'open'), candidate('t-resolved', 'c1', 'resolved')])
  expect(plan.targets).toEqual([{ existing: candidate('t-open', 'c1', 'open') }])
  expect(plan.newTickets).toEqual([])
})

test('without a candidate the first message opens a ticket and the next of the batch joins it', () => {
  const plan = planThreads([request('c1'), request('c2'), request('c1')], [])
  expect(plan.newTickets.map((t) => t.contactId)).toEqual(['c1', 'c2'])
  expect(plan.targets).toEqual([{ newIndex: 0 }, { newIndex: 1 }, { newIndex: 0 }])
})

test('a ticket on another channel of the same contact is not joined', () => {
  const plan = planThreads([request('c1', 'ch2')], [candidate('t1', 'c1', 'open', 'ch1')])
  expect(plan.targets).toEqual([{ newIndex: 0 }])
})

test('a comment thread is a conversation of its own beside the direct one', () => {
  const plan = planThreads(
    [request('c1', 'ch1', 'comment:post-1'), request('c1'), request('c1', 'ch1', 'comment:post-2')],
    [candidate('t-dm', 'c1', 'open'), candidate('t-post-1', 'c1', 'open', 'ch1', 'comment:post-1')],
  )
  expect(plan.targets).toEqual([
    { existing: candidate('t-post-1', 'c1', 'open', 'ch1', 'comment:post-1') },
    { existing: candidate('t-dm', 'c1', 'open') },
    { newIndex: 0 },
  ])
  expect(plan.newTickets[0]!.threadKey).toBe('comment:post-2')
})

test('a message that names its ticket joins it, whatever its conversation', () => {
  const pinned = candidate('t-form', 'c9', 'resolved', 'form-channel')
  const plan = planThreads([{ ...request('c1', 'mail', 'mail:<a@x>'), pinned }], [])
  expect(plan.targets).toEqual([{ existing: pinned }])
  expect(plan.newTickets).toEqual([])
})
