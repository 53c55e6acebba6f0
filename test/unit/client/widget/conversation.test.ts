import { expect, test } from 'vitest'
import { reconnectDelayMs } from '../../../../client/widget/backoff.ts'
import { createConversation } from '../../../../client/widget/conversation.ts'

const entry = (id: string, direction: 'inbound' | 'outbound', at: string, text = id) => ({
  id,
  direction,
  text,
  at,
  authorName: direction === 'outbound' ? 'Sam' : null,
})

test('a sent message is settled by its echo, and a second echo is ignored', () => {
  const conversation = createConversation(null)
  conversation.sending('c1', 'hi', '2026-01-01T10:00:00.000Z')
  expect(conversation.unsent()).toEqual([{ clientId: 'c1', text: 'hi' }])
  const echo = { type: 'message' as const, clientId: 'c1', ...entry('m1', 'inbound', '2026-01-01T10:00:01.000Z', 'hi') }
  expect(conversation.received(echo)).toBe(true)
  expect(conversation.received(echo)).toBe(false)
  expect(conversation.bubbles()).toMatchObject([{ id: 'm1', clientId: 'c1', state: 'sent', text: 'hi' }])
  expect(conversation.unsent()).toEqual([])
})

test('a welcome replaces what was stored and keeps what is still being sent', () => {
  const conversation = createConversation(null)
  conversation.received({ type: 'message', ...entry('m1', 'outbound', '2026-01-01T10:00:00.000Z') })
  conversation.sending('c2', 'offline line', '2026-01-01T10:01:00.000Z')
  conversation.welcome([entry('m0', 'inbound', '2026-01-01T09:59:00.000Z'), entry('m1', 'outbound', '2026-01-01T10:00:00.000Z')])
  expect(conversation.bubbles().map((b) => b.id ?? b.clientId)).toEqual(['m0', 'm1', 'c2'])
})

test('answers after the read mark are unread until the visitor reads them', () => {
  const conversation = createConversation('2026-01-01T10:00:00.000Z')
  conversation.welcome([
    entry('m1', 'outbound', '2026-01-01T10:00:00.000Z'),
    entry('m2', 'inbound', '2026-01-01T10:01:00.000Z'),
    entry('m3', 'outbound', '2026-01-01T10:02:00.000Z'),
  ])
  expect(conversation.unread()).toBe(1)
  conversation.received({ type: 'message', ...entry('m4', 'outbound', '2026-01-01T10:03:00.000Z') })
  expect(conversation.unread()).toBe(2)
  expect(conversation.markRead()).toBe('2026-01-01T10:03:00.000Z')
  expect(conversation.unread()).toBe(0)
})

test('a refused message shows why; a final refusal stops it being sent again', () => {
  const conversation = createConversation(null)
  conversation.sending('c1', 'a', '2026-01-01T10:00:00.000Z')
  conversation.sending('c2', 'b', '2026-01-01T10:00:01.000Z')
  conversation.problem('c1', 'Not sent yet, trying again…', false)
  conversation.problem('c2', 'Not sent: too long.', true)
  expect(conversation.bubbles()).toMatchObject([
    { clientId: 'c1', state: 'sending', problem: 'Not sent yet, trying again…' },
    { clientId: 'c2', state: 'failed', problem: 'Not sent: too long.' },
  ])
  expect(conversation.unsent()).toEqual([{ clientId: 'c1', text: 'a' }])
})

test('reconnect delays double up to half a minute, with jitter below the ceiling', () => {
  expect(reconnectDelayMs(0, () => 1)).toBe(500)
  expect(reconnectDelayMs(3, () => 1)).toBe(4_000)
  expect(reconnectDelayMs(3, () => 0)).toBe(2_000)
  expect(reconnectDelayMs(20, () => 1)).toBe(30_000)
})
