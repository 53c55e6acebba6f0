import { expect, test } from 'vitest'
import { formAdapter } from '../../../../../server/channels/form/form-adapter.ts'

const channel = { id: 'c1', workspaceId: 'w1', kind: 'form' as const }
const at = new Date('2026-11-25T10:00:00Z')
const submission = { name: 'Ana', email: 'ana@example.com', phone: '+34 612 345 678', message: 'Hola\nsegunda línea' }

test('a submission is one message carrying the email and phone identities', () => {
  const [message] = formAdapter.normalise({ submission, idempotencyKey: null }, channel, at)
  expect(message).toMatchObject({
    channelId: 'c1',
    workspaceId: 'w1',
    channelKind: 'form',
    subject: 'Hola',
    body: 'Hola\nsegunda línea',
    sentAt: '2026-11-25T10:00:00.000Z',
    contact: {
      name: 'Ana',
      identities: [
        { kind: 'email', value: 'ana@example.com' },
        { kind: 'phone', value: '+34 612 345 678' },
      ],
    },
  })
})

test('the same submission within ten minutes has the same external id (a double click is one message)', () => {
  const first = formAdapter.normalise({ submission, idempotencyKey: null }, channel, at)[0]!
  const again = formAdapter.normalise({ submission, idempotencyKey: null }, channel, new Date(at.getTime() + 60_000))[0]!
  const later = formAdapter.normalise({ submission, idempotencyKey: null }, channel, new Date(at.getTime() + 3_600_000))[0]!
  expect(again.externalId).toBe(first.externalId)
  expect(later.externalId).not.toBe(first.externalId)
})

test('an Idempotency-Key decides the external id when given', () => {
  const a = formAdapter.normalise({ submission, idempotencyKey: 'k1' }, channel, at)[0]!
  const b = formAdapter.normalise({ submission: { ...submission, message: 'other' }, idempotencyKey: 'k1' }, channel, at)[0]!
  expect(a.externalId).toBe('key:k1')
  expect(b.externalId).toBe(a.externalId)
})

test('the subject given wins over the first line', () => {
  const [message] = formAdapter.normalise(
    { submission: { ...submission, subject: 'Pedido 42' }, idempotencyKey: null },
    channel,
    at,
  )
  expect(message!.subject).toBe('Pedido 42')
})
