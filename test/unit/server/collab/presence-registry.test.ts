import { afterEach, expect, test, vi } from 'vitest'
import { createPresenceRegistry } from '../../../../server/collab/presence-registry.ts'

afterEach(() => {
  vi.useRealTimers()
})

const aiko = { id: 'a', name: 'Aiko', typing: false }
const ben = { id: 'b', name: 'Ben', typing: true }

test('merges one agent on several processes (typing if any types) and keeps workspaces apart', () => {
  const registry = createPresenceRegistry({ localProcessId: 'here', expireMs: 30_000, coalesceMs: 100 })
  registry.set('here', 'w1', 't1', [aiko])
  registry.set('there', 'w1', 't1', [{ ...aiko, typing: true }, ben])
  registry.set('there', 'w2', 't9', [ben])
  expect(registry.list('w1')).toEqual([{ ticketId: 't1', agents: [{ ...aiko, typing: true }, ben] }])
  expect(registry.ticket('t9')).toEqual([ben])
  registry.set('there', 'w1', 't1', [])
  expect(registry.list('w1')).toEqual([{ ticketId: 't1', agents: [aiko] }])
  registry.close()
})

test('forgets a process that stops reporting, but never this one', () => {
  vi.useFakeTimers()
  const registry = createPresenceRegistry({ localProcessId: 'here', expireMs: 30_000, coalesceMs: 100 })
  registry.set('here', 'w1', 't1', [aiko])
  registry.set('there', 'w1', 't2', [ben])
  vi.advanceTimersByTime(20_000)
  registry.alive('there')
  vi.advanceTimersByTime(20_000)
  expect(registry.list('w1').map((t) => t.ticketId)).toEqual(['t1', 't2'])
  vi.advanceTimersByTime(30_000)
  expect(registry.list('w1').map((t) => t.ticketId)).toEqual(['t1'])
  registry.close()
})

test('tells a workspace’s listeners once per burst of changes', () => {
  vi.useFakeTimers()
  const registry = createPresenceRegistry({ localProcessId: 'here', expireMs: 30_000, coalesceMs: 100 })
  const heard = vi.fn()
  const other = vi.fn()
  registry.subscribe('w1', heard)
  registry.subscribe('w2', other)
  registry.set('here', 'w1', 't1', [aiko])
  registry.set('here', 'w1', 't1', [{ ...aiko, typing: true }])
  registry.set('here', 'w1', 't2', [ben])
  expect(heard).not.toHaveBeenCalled()
  vi.advanceTimersByTime(100)
  expect(heard).toHaveBeenCalledTimes(1)
  expect(other).not.toHaveBeenCalled()
  registry.close()
})

test('typing counts until its expiry, even when no report says it stopped', () => {
  vi.useFakeTimers()
  const registry = createPresenceRegistry({ localProcessId: 'here', expireMs: 30_000, coalesceMs: 100 })
  registry.set('there', 'w1', 't1', [{ ...ben, typingUntil: Date.now() + 5_000 }])
  expect(registry.ticket('t1')).toEqual([ben])
  vi.advanceTimersByTime(5_000)
  expect(registry.ticket('t1')).toEqual([{ ...ben, typing: false }])
  expect(registry.list('w1')).toEqual([{ ticketId: 't1', agents: [{ ...ben, typing: false }] }])
  registry.close()
})
