// The history's sentences: who (through which rule or macro), what, and before → after, with ids named.
import { expect, test } from 'vitest'
import { auditWords } from '../../../../../client/app/audit/audit-words.ts'
import { openMerges } from '../../../../../client/app/customer/open-merges.ts'
import type { AuditItem } from '../../../../../shared/schema/audit.ts'

const agentId = '11111111-1111-4111-8111-111111111111'
const base: AuditItem = {
  id: '22222222-2222-4222-8222-222222222222',
  at: '2026-12-03T10:00:00.000Z',
  actor: { type: 'agent', id: agentId, name: 'Ada' },
  via: null,
  action: 'ticket.status_changed',
  before: 'open',
  after: 'pending',
  details: {},
}
const names = (id: string) => (id === agentId ? 'Ada' : undefined)

test('names the agent, the macro and the status before and after', () => {
  expect(auditWords({ ...base, via: { kind: 'macro', id: null, name: 'Park' } }, names)).toEqual({
    who: 'Ada (via macro “Park”)',
    what: 'changed the status',
    change: 'open → pending',
  })
})

test('a rule’s change is the system’s, and an assignee is named, none when unassigned', () => {
  const words = auditWords(
    {
      ...base,
      actor: { type: 'system' },
      via: { kind: 'rule', id: null, name: 'VIP' },
      action: 'ticket.assignee_changed',
      before: null,
      after: agentId,
    },
    names,
  )
  expect(words).toEqual({ who: 'System (via rule “VIP”)', what: 'changed the assignee', change: 'none → Ada' })
})

test('an identity row names the identity; an unknown action reads as words', () => {
  const linked = auditWords(
    { ...base, action: 'contact.identity_linked', before: null, after: null, details: { kind: 'email', value: 'a@b.c' } },
    names,
  )
  expect(linked.what).toBe('linked email a@b.c')
  expect(linked.change).toBe('')
  const visitor = auditWords(
    {
      ...base,
      action: 'contact.identity_linked',
      before: null,
      after: null,
      details: { kind: 'chat', value: 'ab12'.padEnd(64, '0') },
    },
    names,
  )
  expect(visitor.what).toBe('linked chat Visitor AB12')
  expect(auditWords({ ...base, action: 'ticket.something_new', before: null, after: null }, names).what).toBe('something new')
})

test('a merge is open until a newer undo of the same profile', () => {
  const merged = (sourceId: string, at: string): AuditItem => ({
    ...base,
    at,
    action: 'contact.merged',
    before: null,
    after: null,
    details: { sourceId, identities: [{ kind: 'email', value: `${sourceId}@x.y` }] },
  })
  const undone = (sourceId: string, at: string): AuditItem => ({ ...merged(sourceId, at), action: 'contact.merge_undone' })
  // Newest first: b merged again after its undo, a undone, c merged.
  const items = [merged('b', '4'), undone('a', '3'), undone('b', '2'), merged('a', '1'), merged('c', '0')]
  expect(openMerges(items)).toEqual([
    { sourceId: 'b', label: 'b@x.y' },
    { sourceId: 'c', label: 'c@x.y' },
  ])
})
