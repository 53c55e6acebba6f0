import { expect, test } from 'vitest'
import { chatAdapter } from '../../../../../server/channels/chat/chat-adapter.ts'
import { inboundMessageSchema } from '../../../../../server/channels/inbound-message.ts'

const channel = { id: 'c1', workspaceId: 'w1', kind: 'chat' as const }
const at = new Date('2026-11-25T10:00:00Z')
const delivery = { visitorId: 'ab12', clientId: 'm1', text: 'Hello there\nsecond line', name: null, email: null }

test('a visitor message is one inbound chat message carrying the visitor id as its identity', () => {
  const [message] = chatAdapter.normalise(delivery, channel, at)
  expect(message).toMatchObject({
    workspaceId: 'w1',
    channelId: 'c1',
    channelKind: 'chat',
    direction: 'inbound',
    sentAt: '2026-11-25T10:00:00.000Z',
    subject: 'Hello there',
    body: 'Hello there\nsecond line',
    thread: null,
    contact: { name: 'Visitor AB12', identities: [{ kind: 'chat', value: 'ab12' }] },
  })
  expect(inboundMessageSchema.parse(message)).toBeTruthy()
})

test('the external id is the visitor and client ids, so a resent message has the same one', () => {
  const first = chatAdapter.normalise(delivery, channel, at)[0]!
  const resent = chatAdapter.normalise(delivery, channel, new Date(at.getTime() + 60_000))[0]!
  const other = chatAdapter.normalise({ ...delivery, clientId: 'm2' }, channel, at)[0]!
  expect(first.externalId).toBe('ab12:m1')
  expect(resent.externalId).toBe(first.externalId)
  expect(other.externalId).not.toBe(first.externalId)
})

test('a known email joins the identities after the visitor id, and the name is carried', () => {
  const [message] = chatAdapter.normalise({ ...delivery, name: 'Ana', email: 'ana@example.com' }, channel, at)
  expect(message!.contact).toEqual({
    name: 'Ana',
    identities: [
      { kind: 'chat', value: 'ab12' },
      { kind: 'email', value: 'ana@example.com' },
    ],
  })
})

test('the subject is the first line, trimmed and cut to 120 characters', () => {
  const [message] = chatAdapter.normalise({ ...delivery, text: `  ${'x'.repeat(200)}  \nmore` }, channel, at)
  expect(message!.subject).toBe('x'.repeat(120))
})

test('the raw payload keeps what the visitor sent, never a token', () => {
  const [message] = chatAdapter.normalise({ ...delivery, email: 'ana@example.com' }, channel, at)
  expect(message!.raw).toEqual({ clientId: 'm1', text: 'Hello there\nsecond line', name: null, email: 'ana@example.com' })
})
