import { expect, test } from 'vitest'
import { fixture, messagesOf, normaliseFixture } from '../meta/meta-fixtures.ts'

const sheena = {
  name: 'Sheena Nelson',
  identities: [
    { kind: 'whatsapp', value: '16505551234' },
    { kind: 'phone', value: '+16505551234' },
  ],
}

test('a text message is an inbound message from the wa_id, named by its profile and joinable by phone', () => {
  const { events, problems } = normaliseFixture('whatsapp-text')
  expect(problems).toEqual([])
  expect(messagesOf(events)).toEqual([
    {
      workspaceId: 'w1',
      channelId: 'whatsapp-1',
      channelKind: 'whatsapp',
      externalId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
      sentAt: '2025-02-12T00:43:44.000Z',
      contact: sheena,
      subject: null,
      thread: null,
      direction: 'inbound',
      replyToExternalId: null,
      emailThread: null,
      files: [],
      autoSubmitted: false,
      body: "Hi, my order hasn't arrived",
      html: null,
      mail: null,
      attachments: [],
      raw: (fixture('whatsapp-text') as any).entry[0].changes[0].value.messages[0],
    },
  ])
})

test('media become attachments pointing at their media id, the caption is the body, sha256 stays in raw', () => {
  const messages = messagesOf(normaliseFixture('whatsapp-media').events)
  expect(messages.map((m) => [m.body, m.attachments])).toEqual([
    ['This is the damaged box', [{ type: 'image', url: 'wa-media:2754859441498128', name: null, mimeType: 'image/jpeg' }]],
    ['', [{ type: 'audio', url: 'wa-media:1000000000000001', name: null, mimeType: 'audio/ogg; codecs=opus' }]],
    ['', [{ type: 'video', url: 'wa-media:1000000000000002', name: null, mimeType: 'video/mp4' }]],
    ['Invoice', [{ type: 'file', url: 'wa-media:1000000000000003', name: 'invoice-42.pdf', mimeType: 'application/pdf' }]],
    ['', [{ type: 'sticker', url: 'wa-media:1000000000000004', name: null, mimeType: 'image/webp' }]],
  ])
  expect((messages[0]!.raw as any).image.sha256).toBe('81d3bd8a8db4868c9520ed47186e8b7c5789e61ff79f7f834be6950b808a90d3')
})

test('a location reads as a pin line and a contact card as names and numbers', () => {
  const messages = messagesOf(normaliseFixture('whatsapp-location-contacts').events)
  expect(messages.map((m) => [m.body, m.attachments])).toEqual([
    ['📍 HQ, 1 Hacker Way (37.48, -122.15)', [{ type: 'location', url: 'geo:37.48,-122.15', name: 'HQ' }]],
    ['📍 (35.6812, 139.7671)', [{ type: 'location', url: 'geo:35.6812,139.7671', name: null }]],
    [
      'Contacts: Ana García (+34 612 345 678, ana@example.com); Bob (+1 555 0100)',
      [
        { type: 'contact', url: null, name: 'Ana García' },
        { type: 'contact', url: null, name: 'Bob' },
      ],
    ],
  ])
})

test('quotes, template buttons and interactive replies read as their text and keep what they answer; a reaction changes the message it names', () => {
  const { events } = normaliseFixture('whatsapp-replies-buttons')
  const messages = messagesOf(events)
  expect(messages.map((m) => [m.externalId, m.body, m.replyToExternalId])).toEqual([
    ['wamid.quote1', 'this one', 'wamid.ORIGINAL'],
    ['wamid.button1', 'Unsubscribe', 'wamid.TEMPLATE_MSG'],
    ['wamid.interactive1', 'Cancel', 'wamid.INTERACTIVE1'],
    ['wamid.interactive2', expect.stringMatching(/^Priority Mail Express/), null],
  ])
  expect((messages[1]!.raw as any).button.payload).toBe('UNSUBSCRIBE')
  expect(events.filter((e) => e.type === 'reaction')).toEqual([
    expect.objectContaining({ externalId: 'wamid.REACTED_TO', by: 'contact', emoji: '👍' }),
  ])
})

test('an unsupported type says what WhatsApp said, and an order lists its cart, with the raw message kept', () => {
  const { events, problems } = normaliseFixture('whatsapp-unsupported')
  expect(problems).toEqual([])
  expect(messagesOf(events).map((m) => [m.body, (m.raw as any).type])).toEqual([
    ['(unsupported message: unsupported) 131051 Message type unknown: Message type is currently not supported.', 'unsupported'],
    ['🛒 Order from catalogue 1: 1 product\n• 2 × sku-1', 'order'],
  ])
})

test('statuses become status events, a failure with its code, title and details; other statuses are problems', () => {
  const { events, problems } = normaliseFixture('whatsapp-statuses')
  const target = { type: 'status', workspaceId: 'w1', channelId: 'whatsapp-1' }
  expect(events).toEqual([
    {
      ...target,
      externalId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJCOTY3NDc0NDFDRUI3NTA0Q0UA',
      status: 'delivered',
      at: '2025-06-25T13:16:24.000Z',
      error: null,
    },
    { ...target, externalId: 'wamid.out2', status: 'sent', at: '2025-06-25T13:16:20.000Z', error: null },
    { ...target, externalId: 'wamid.out2', status: 'read', at: '2025-06-25T13:16:26.000Z', error: null },
    {
      ...target,
      externalId: 'wamid.out3',
      status: 'failed',
      at: '2025-06-25T13:16:30.000Z',
      error:
        '131047 Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
    },
  ])
  expect(problems).toEqual([
    {
      reason: 'unhandled_status',
      detail: { path: 'entry[0].changes[0].statuses[4]', id: 'wamid.out4', status: 'warning' },
    },
  ])
})

test('system errors are problems; a template status change is an account notice for the account', () => {
  const { events, problems } = normaliseFixture('whatsapp-system-error')
  expect(problems.map((p) => p.reason)).toEqual(['provider_error'])
  expect((problems[0]!.detail as any).errors[0].code).toBe(130429)
  expect(events).toEqual([
    expect.objectContaining({
      type: 'account_notice',
      channelId: 'whatsapp-1',
      body: 'Template order_update (en_US) is now approved.',
      template: { businessAccountId: '102290129340398', name: 'order_update', language: 'en_US', status: 'approved' },
    }),
  ])
})

test('a batch over several numbers routes each change by phone number id, in every language', () => {
  const { events, problems } = normaliseFixture('whatsapp-batch-languages')
  expect(messagesOf(events).map((m) => [m.channelId, m.contact.name, m.contact.identities[0]!.value, m.body])).toEqual([
    ['whatsapp-1', '山田 太郎', '819012345678', '注文した商品がまだ届いていません。'],
    ['whatsapp-1', 'فاطمة الزهراء', '971501234567', 'أين طلبي؟ 📦'],
    ['whatsapp-1', '山田 太郎', '819012345678', 'ありがとう🙏✨'],
    ['whatsapp-2', 'Zoë 🌸', '447700900123', '👋😀 hi there'],
  ])
  expect(problems.map((p) => [p.reason, (p.detail as any).path])).toEqual([
    ['malformed_item', 'entry[0].changes[0].messages[2]'],
    ['unroutable', 'entry[1].changes[0]'],
  ])
})

test('when from and wa_id differ (a rewritten country prefix), the lone profile names the sender by its wa_id', () => {
  const [message] = messagesOf(normaliseFixture('whatsapp-profile-mismatch').events)
  expect(message!.contact).toEqual({
    name: 'Jorge Hernández',
    identities: [
      { kind: 'whatsapp', value: '5215512345678' },
      { kind: 'phone', value: '+5215512345678' },
    ],
  })
})
