// An audit row as the app reads it: the actor, the rule or macro it came through, before and after.
import { expect, test } from 'vitest'
import { toAuditItem } from '../../../../server/audit/audit-view.ts'

const row = {
  id: '22222222-2222-4222-8222-222222222222',
  actorType: 'agent' as const,
  actorId: '11111111-1111-4111-8111-111111111111',
  actorName: 'Ada',
  action: 'ticket.status_changed',
  data: {},
  createdAt: new Date('2026-12-03T10:00:00.000Z'),
}

test('a macro’s change names the agent and the macro, and keeps from/to as before/after', () => {
  const item = toAuditItem({
    ...row,
    data: { from: 'open', to: 'pending', via: 'macro', macroId: row.actorId, macroName: 'Park' },
  })
  expect(item).toEqual({
    id: row.id,
    at: '2026-12-03T10:00:00.000Z',
    actor: { type: 'agent', id: row.actorId, name: 'Ada' },
    via: { kind: 'macro', id: row.actorId, name: 'Park' },
    action: 'ticket.status_changed',
    before: 'open',
    after: 'pending',
    details: {},
  })
})

test('a rule’s change is the system’s, through the rule; the rest of the row stays in details', () => {
  const item = toAuditItem({
    ...row,
    actorType: 'system',
    actorId: null,
    actorName: null,
    action: 'rule.send_reply',
    data: { ruleId: row.actorId, ruleName: 'Ack', body: 'Thanks' },
  })
  expect(item.actor).toEqual({ type: 'system' })
  expect(item.via).toEqual({ kind: 'rule', id: row.actorId, name: 'Ack' })
  expect(item).toMatchObject({ before: null, after: null, details: { body: 'Thanks' } })
})

test('a customer is named when known; an agent since removed is still an agent', () => {
  expect(toAuditItem({ ...row, actorType: 'contact', actorName: null }).actor).toEqual({
    type: 'customer',
    id: row.actorId,
    name: null,
  })
  expect(toAuditItem({ ...row, actorName: null }).actor).toEqual({ type: 'agent', id: row.actorId, name: 'A former agent' })
})
