import { expect, test } from 'vitest'
import { overdueEvents } from '../../../../server/sla/overdue.ts'
import type { TicketState } from '../../../../server/sla/ticket-state.ts'

const now = new Date('2026-12-01T12:00:00Z')
const state = {
  id: 't',
  number: 7,
  workspaceId: 'w',
  status: 'open',
  assigneeId: 'a',
  teamId: null,
  firstResponseAt: null,
} as unknown as TicketState
const at = (minutesFromNow: number) => new Date(now.getTime() + minutesFromNow * 60_000)

test('a target already past when due times are computed is a breach at once; one within the lead a warning', () => {
  const events = overdueEvents(
    state,
    { policyId: 'p', firstReplyDueAt: at(-30), nextReplyDueAt: null, resolutionDueAt: at(10) },
    now,
  )
  expect(events.map((e) => [e.due.metric, e.kind])).toEqual([
    ['firstReply', 'breach'],
    ['resolution', 'warning'],
  ])
})

test('targets met, far ahead, or on a closed ticket are not events', () => {
  const sla = { policyId: 'p', firstReplyDueAt: at(-30), nextReplyDueAt: at(120), resolutionDueAt: at(600) }
  expect(overdueEvents({ ...state, firstResponseAt: at(-40) }, sla, now)).toEqual([])
  expect(overdueEvents({ ...state, status: 'resolved' }, sla, now)).toEqual([])
})
