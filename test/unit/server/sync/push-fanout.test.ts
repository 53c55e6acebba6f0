import { expect, test } from 'vitest'
import type { PushBatch, Sight } from '../../../../server/sync/push-batch.ts'
import { fanOut } from '../../../../server/sync/push-fanout.ts'

const at = '2026-12-01T10:00:00.000Z'
const ticket = (id: string) => ({ ticket: { id, contactId: `c-${id}` } as never, workspaceId: 'w' })
const batch = (sights: Sight[]): PushBatch => ({
  snapshot: { xmax: 10n, xip: [] },
  overflow: false,
  tickets: [ticket('t1'), ticket('t2')],
  messages: new Map([['t1', [{ id: 'm1', ticketId: 't1' } as never]]]),
  contacts: new Map([['c-t1', { id: 'c-t1' } as never]]),
  sights,
})
const sight = (agentId: string, ticketId: string, visible: boolean, extra: Partial<Sight> = {}): Sight => ({
  agentId,
  role: 'agent',
  ticketId,
  visible,
  sighted: false,
  held: false,
  ...extra,
})

test('each agent gets the tickets they may see, with their messages and contacts, then a change marked pushed', () => {
  const out = fanOut(batch([sight('a', 't1', true), sight('a', 't2', false)]), ['a'], at)
  const [tickets, change] = out.events.get('a')!
  expect(tickets!.event).toBe('tickets')
  expect(JSON.parse(tickets!.data)).toEqual({
    tickets: [{ id: 't1', contactId: 'c-t1' }],
    messages: [{ id: 'm1', ticketId: 't1' }],
    contacts: [{ id: 'c-t1' }],
  })
  expect(JSON.parse(change!.data)).toEqual({ at, pushed: true })
  expect(out.sent).toEqual([{ agentId: 'a', ticketId: 't1' }])
})

test('agents who see the same tickets share one payload; admins have nothing recorded', () => {
  const out = fanOut(
    batch([sight('a', 't1', true), sight('b', 't1', true), sight('admin', 't1', true, { role: 'admin' })]),
    ['a', 'b', 'admin'],
    at,
  )
  expect(out.events.get('a')![0]).toBe(out.events.get('b')![0])
  expect(out.events.get('admin')![0]).toBe(out.events.get('a')![0])
  expect(out.sent.map((s) => s.agentId)).toEqual(['a', 'b'])
  const again = fanOut(batch([sight('a', 't1', true, { sighted: true, held: true })]), ['a'], at)
  expect(again.events.get('a')).toHaveLength(2)
  expect(again.sent).toEqual([])
})

test('a ticket that left the sight of an agent it was sent to is not named: they are told to pull', () => {
  const out = fanOut(batch([sight('a', 't2', false, { sighted: true }), sight('b', 't2', false)]), ['a', 'b'], at)
  expect(out.events.get('a')).toEqual([{ event: 'change', data: JSON.stringify({ at }) }])
  expect(out.events.has('b')).toBe(false)
  expect(out.sent).toEqual([])
})
