import { expect, test } from 'vitest'
import { fixture, messagesOf, normaliseFixture } from './meta-fixtures.ts'

const psid = { kind: 'messenger', value: '7392015648120394' }

test('a text message becomes an inbound message from the PSID with its quote and quick reply kept', () => {
  const { events, problems } = normaliseFixture('messenger-text')
  expect(problems).toEqual([])
  expect(events).toEqual([
    {
      type: 'message',
      message: {
        workspaceId: 'w1',
        channelId: 'messenger-1',
        channelKind: 'messenger',
        externalId: 'm_AbC1dEf2GhI3jKl4MnO5pQ',
        sentAt: '2023-11-14T22:13:21.000Z',
        contact: { name: null, identities: [psid] },
        subject: null,
        thread: null,
        direction: 'inbound',
        replyToExternalId: 'm_1fTq8oLumEyIp3Q2MR-aY7IfLZDamVrALniheU',
        emailThread: null,
        files: [],
        autoSubmitted: false,
        body: 'Is the blue one in stock?',
        html: null,
        mail: null,
        attachments: [],
        raw: (fixture('messenger-text') as any).entry[0].messaging[0],
      },
    },
  ])
  expect((messagesOf(events)[0]!.raw as any).message.quick_reply.payload).toBe('STOCK_QUERY')
})

test('attachments keep their media type and url; stickers are stickers and everything else is other', () => {
  const [message] = messagesOf(normaliseFixture('messenger-attachments').events)
  // Without text, the shared link (a fallback attachment) is what the message says.
  expect(message!.body).toBe('🔗 Blue jacket: https://example.com/product/42')
  expect(message!.attachments.map((a) => [a.type, a.url, a.name])).toEqual([
    ['image', 'https://scontent.xx.fbcdn.net/v/t1.15752-9/box.jpg?stp=1', null],
    ['video', 'https://video.xx.fbcdn.net/v/clip.mp4', null],
    ['audio', 'https://cdn.fbsbx.com/v/voice.mp4', null],
    ['file', 'https://cdn.fbsbx.com/v/invoice.pdf', null],
    ['sticker', 'https://scontent.xx.fbcdn.net/v/sticker.png', null],
    ['other', 'https://example.com/product/42', 'Blue jacket'],
    ['other', null, 'template'],
    ['other', 'https://lookaside.fbsbx.com/reel', 'Spring drop'],
  ])
})

test('an echo is an outbound message to the recipient PSID', () => {
  const [message] = messagesOf(normaliseFixture('messenger-echo').events)
  expect(message).toMatchObject({
    externalId: 'm_ZyX9wVu8TsR7qPo6NmL5kJ',
    direction: 'outbound',
    contact: { name: null, identities: [psid] },
    body: 'Yes, size M is available.',
    sentAt: '2023-11-14T22:13:25.000Z',
  })
})

test('delivery and read are watermarks of the sender PSID', () => {
  const { events, problems } = normaliseFixture('messenger-delivery-read')
  expect(problems).toEqual([])
  expect(events).toEqual([
    {
      type: 'watermark',
      workspaceId: 'w1',
      channelId: 'messenger-1',
      identity: psid,
      status: 'delivered',
      upTo: '2023-11-14T22:13:26.000Z',
    },
    {
      type: 'watermark',
      workspaceId: 'w1',
      channelId: 'messenger-1',
      identity: psid,
      status: 'read',
      upTo: '2023-11-14T22:13:26.500Z',
    },
  ])
})

test('a reaction and its removal change the reacted message; neither is a message', () => {
  const { events } = normaliseFixture('messenger-reaction')
  const target = { type: 'reaction', workspaceId: 'w1', channelId: 'messenger-1', externalId: 'm_abc', by: 'contact' }
  expect(events).toEqual([
    { ...target, emoji: '❤️', at: '2023-11-14T22:13:28.000Z' },
    { ...target, emoji: null, at: '2023-11-14T22:13:29.000Z' },
  ])
})

test('an edit changes the message it names, never adds one', () => {
  const { events } = normaliseFixture('messenger-edit')
  expect(events).toEqual([
    {
      type: 'edited',
      workspaceId: 'w1',
      channelId: 'messenger-1',
      externalId: 'm_abc',
      body: 'corrected text',
      at: '2023-11-14T22:13:29.000Z',
    },
  ])
})

test('postbacks read as their title with the payload in raw, in messaging and in standby alike', () => {
  const messages = messagesOf(normaliseFixture('messenger-postback-standby').events)
  expect(messages.map((m) => [m.externalId, m.body])).toEqual([
    ['m_pb1', 'Talk to an agent'],
    ['postback:7392015648120394:1700000010500', 'Track my order'],
    ['m_standby_1', 'Sent while Business Suite owns the thread'],
  ])
  expect((messages[0]!.raw as any).postback.payload).toBe('HANDOFF')
})

test('a referral alone is ignored, not a problem', () => {
  expect(normaliseFixture('messenger-referral')).toEqual({ events: [], problems: [] })
})

test('a postback wrapped as a field change with a string timestamp in seconds is read like one in messaging', () => {
  const { events, problems } = normaliseFixture('messenger-wrapped-postback')
  expect(problems).toEqual([])
  expect(messagesOf(events)).toMatchObject([
    { externalId: 'm_pb_wrapped', body: 'Get started', sentAt: '2023-11-14T22:13:32.000Z' },
  ])
})

test('a batch of several pages and senders keeps every message, its language and its channel', () => {
  const { events, problems } = normaliseFixture('messenger-batch-languages')
  expect(problems).toEqual([])
  expect(messagesOf(events).map((m) => [m.channelId, m.workspaceId, m.contact.identities[0]!.value, m.body])).toEqual([
    ['messenger-1', 'w1', '7392015648120394', '青いジャケットの在庫はありますか？サイズはMです。'],
    ['messenger-1', 'w1', '7392015648120395', 'مرحبا، متى يصل طلبي؟'],
    ['messenger-2', 'w2', '8100000000000001', '🎉🙏 thanks!! 👨‍👩‍👧‍👦'],
  ])
})
