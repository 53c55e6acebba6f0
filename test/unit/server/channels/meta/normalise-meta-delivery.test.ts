import { expect, test } from 'vitest'
import { normaliseMetaDelivery } from '../../../../../server/channels/meta/normalise-meta-delivery.ts'
import { messagesOf, normaliseFixture, receivedAt, route } from './meta-fixtures.ts'

test('a body that is not an object with an entry array is one problem and no events', () => {
  for (const body of [null, 'page', [], { object: 'page' }, { object: 'page', entry: {} }]) {
    const { events, problems } = normaliseMetaDelivery(body, route, receivedAt)
    expect(events).toEqual([])
    expect(problems).toHaveLength(1)
    expect(problems[0]!.reason).toBe('malformed_body')
  }
})

test('an unknown object is one problem naming it', () => {
  const { events, problems } = normaliseFixture('unknown-object')
  expect(events).toEqual([])
  expect(problems).toEqual([{ reason: 'unknown_object', detail: { object: 'permissions', entries: 1 } }])
})

test('an entry no channel has is a problem and the next entry still comes out', () => {
  const { events, problems } = normaliseFixture('unroutable-entry')
  expect(messagesOf(events).map((m) => m.externalId)).toEqual(['m_kept_1'])
  expect(problems).toEqual([
    {
      reason: 'unroutable',
      detail: { path: 'entry[0]', object: 'page', kinds: ['instagram', 'messenger'], routingId: '999999999999999' },
    },
  ])
})

test('a malformed entry and a malformed item are problems beside the valid item, which still comes out', () => {
  const { events, problems } = normaliseFixture('malformed-next-to-valid')
  expect(messagesOf(events).map((m) => m.externalId)).toEqual(['m_valid_1'])
  expect(problems.map((p) => [p.reason, (p.detail as any).path])).toEqual([
    ['malformed_item', 'entry[0]'],
    ['malformed_item', 'entry[1].messaging[0]'],
    ['unhandled_event', 'entry[1].messaging[2]'],
  ])
  expect((problems[1]!.detail as any).issues).toEqual(['message.mid: Invalid input: expected string, received undefined'])
  expect((problems[2]!.detail as any).keys).toEqual(['sender', 'recipient', 'timestamp', 'account_linking'])
})

test('an event without a time of its own takes the entry time, and without one the time received', () => {
  const event = { sender: { id: 'u1' }, recipient: { id: 'p1' }, message: { mid: 'm1', text: 'hi' } }
  const routeAll = () => ({ id: 'c', workspaceId: 'w' })
  const withTime = normaliseMetaDelivery(
    { object: 'page', entry: [{ id: 'p1', time: 1700000000, messaging: [event] }] },
    routeAll,
    receivedAt,
  )
  const without = normaliseMetaDelivery({ object: 'page', entry: [{ id: 'p1', messaging: [event] }] }, routeAll, receivedAt)
  expect(messagesOf(withTime.events)[0]!.sentAt).toBe('2023-11-14T22:13:20.000Z')
  expect(messagesOf(without.events)[0]!.sentAt).toBe(receivedAt.toISOString())
})

test('a page change of a field we do not handle is a problem naming the field', () => {
  const body = { object: 'page', entry: [{ id: '102938475610293', changes: [{ field: 'ratings', value: {} }] }] }
  const { events, problems } = normaliseMetaDelivery(body, route, receivedAt)
  expect(events).toEqual([])
  expect(problems).toEqual([
    { reason: 'unhandled_field', detail: { path: 'entry[0].changes[0]', object: 'page', field: 'ratings' } },
  ])
})
