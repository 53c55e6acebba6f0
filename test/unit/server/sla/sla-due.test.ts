import { expect, test } from 'vitest'
import type { Hours } from '../../../../server/calendars/business-hours.ts'
import { type PolicyRow, slaDue } from '../../../../server/sla/sla-due.ts'

const office: Hours = {
  timeZone: 'UTC',
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:00' })),
  holidays: [],
}
const policies: PolicyRow[] = [
  { id: 'urgent-chat', channelKinds: ['chat'], priorities: ['urgent'], calendarId: null, targets: { firstReplyMinutes: 5 } },
  {
    id: 'office',
    channelKinds: [],
    priorities: [],
    calendarId: 'cal',
    targets: { firstReplyMinutes: 60, nextReplyMinutes: 30, resolutionMinutes: 480 },
  },
]
const ticket = {
  channelKind: 'chat',
  priority: 'normal' as const,
  createdAt: new Date('2026-12-04T16:30:00Z'), // Friday 16:30
  firstResponseAt: null,
  lastCustomerMessageAt: new Date('2026-12-04T16:30:00Z'),
  lastAgentReplyAt: null,
}

test('the first matching policy applies, in creation order', () => {
  expect(slaDue(policies, new Map([['cal', office]]), { ...ticket, priority: 'urgent' })).toMatchObject({
    policyId: 'urgent-chat',
    firstReplyDueAt: new Date('2026-12-04T16:35:00Z'),
    nextReplyDueAt: null,
    resolutionDueAt: null,
  })
})

test('targets count in business hours; the next reply is due only while the customer waits on us', () => {
  const due = slaDue(policies, new Map([['cal', office]]), ticket)
  expect(due.policyId).toBe('office')
  expect(due.firstReplyDueAt?.toISOString()).toBe('2026-12-07T09:30:00.000Z') // 30 min Friday, 30 Monday
  expect(due.nextReplyDueAt).toBeNull()
  const answered = {
    ...ticket,
    firstResponseAt: new Date('2026-12-07T09:00:00Z'),
    lastAgentReplyAt: new Date('2026-12-07T09:00:00Z'),
  }
  const wroteAgain = { ...answered, lastCustomerMessageAt: new Date('2026-12-07T10:00:00Z') }
  expect(slaDue(policies, new Map([['cal', office]]), answered).nextReplyDueAt).toBeNull()
  expect(slaDue(policies, new Map([['cal', office]]), wroteAgain).nextReplyDueAt?.toISOString()).toBe('2026-12-07T10:30:00.000Z')
})

test('no policy, no SLA', () => {
  expect(slaDue([policies[0]!], new Map(), ticket).policyId).toBeNull()
})
