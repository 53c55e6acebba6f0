import { expect, test } from 'vitest'
import { normaliseMetaDelivery } from '../../../../../server/channels/meta/normalise-meta-delivery.ts'
import { fixture, messagesOf, normaliseFixture, receivedAt, route } from './meta-fixtures.ts'

const post = '102938475610293_900000000000001'

test('a Facebook Page comment is a message in the thread of its post, from the commenter', () => {
  const { events, problems } = normaliseFixture('facebook-comment-add')
  expect(problems).toEqual([])
  const messages = messagesOf(events)
  expect(messages[0]).toEqual({
    workspaceId: 'w1',
    channelId: 'messenger-1',
    channelKind: 'messenger',
    externalId: '900000000000001_310000000000001',
    sentAt: '2023-11-14T22:14:10.000Z',
    contact: { name: 'Dana Weiss', identities: [{ kind: 'messenger', value: '5500000000000001' }] },
    subject: 'Comment on a Facebook post',
    thread: `comment:${post}`,
    direction: 'inbound',
    replyToExternalId: null,
    emailThread: null,
    files: [],
    autoSubmitted: false,
    body: 'Do you ship this to Canada?',
    html: null,
    mail: null,
    attachments: [],
    raw: (fixture('facebook-comment-add') as any).entry[0].changes[0].value,
  })
  expect(messages[1]).toMatchObject({
    externalId: '900000000000001_310000000000002',
    contact: { name: '佐藤 花子' },
    body: '私も知りたいです！',
    thread: `comment:${post}`,
    replyToExternalId: '900000000000001_310000000000001',
    emailThread: null,
    files: [],
    autoSubmitted: false,
    attachments: [{ type: 'image', url: 'https://scontent.xx.fbcdn.net/v/comment-photo.jpg' }],
  })
})

test("the Page's reply is an outbound message answering the comment; an edit changes it, a removal deletes it; other feed items are dropped", () => {
  const { events, problems } = normaliseFixture('facebook-comment-others')
  expect(problems).toEqual([])
  const target = { workspaceId: 'w1', channelId: 'messenger-1' }
  expect(events).toEqual([
    {
      type: 'message',
      message: expect.objectContaining({
        externalId: '900000000000001_310000000000003',
        direction: 'outbound',
        contact: { name: null, identities: [] },
        thread: 'comment:102938475610293_900000000000001',
        replyToExternalId: '900000000000001_310000000000001',
        body: 'Yes we do!',
      }),
    },
    {
      type: 'edited',
      ...target,
      externalId: '900000000000001_310000000000001',
      body: 'Do you ship this to Canada and the US?',
      at: '2023-11-14T22:14:26.000Z',
    },
    { type: 'deleted', ...target, externalId: '900000000000001_310000000000001', at: '2023-11-14T22:14:27.000Z' },
  ])
})

test("Instagram comments and live comments are messages in the thread of their media; the account's reply is outbound", () => {
  const { events, problems } = normaliseFixture('instagram-comment')
  expect(problems).toEqual([])
  const messages = messagesOf(events)
  expect(messages).toHaveLength(3)
  expect(messages[2]).toMatchObject({
    externalId: '17900000000000003',
    direction: 'outbound',
    contact: { name: null, identities: [] },
    thread: 'comment:17800000000000001',
    replyToExternalId: '17900000000000001',
  })
  expect(messages[0]).toEqual({
    workspaceId: 'w1',
    channelId: 'instagram-1',
    channelKind: 'instagram',
    externalId: '17900000000000001',
    sentAt: '2023-11-14T22:14:00.000Z',
    contact: { name: 'dana.w', identities: [{ kind: 'instagram', value: '9000000000000001' }] },
    subject: 'Comment on an Instagram post',
    thread: 'comment:17800000000000001',
    direction: 'inbound',
    replyToExternalId: '17900000000000000',
    emailThread: null,
    files: [],
    autoSubmitted: false,
    body: 'How much is this?',
    html: null,
    mail: null,
    attachments: [],
    raw: {
      id: '17900000000000001',
      text: 'How much is this?',
      from: { id: '9000000000000001', username: 'dana.w' },
      media: { id: '17800000000000001', media_product_type: 'FEED' },
      parent_id: '17900000000000000',
    },
  })
  expect(messages[1]).toMatchObject({
    externalId: '17900000000000002',
    contact: { name: 'layla.k' },
    body: 'كم السعر؟ 🔥',
    thread: 'comment:17800000000000002',
    replyToExternalId: null,
    emailThread: null,
    files: [],
    autoSubmitted: false,
  })
})

test('an Instagram comment in the flat form (field and value on the entry) is read too', () => {
  const { events, problems } = normaliseFixture('instagram-comment-flat')
  expect(problems).toEqual([])
  expect(messagesOf(events)).toMatchObject([
    {
      externalId: '17900000000000004',
      body: 'サイズ感はどうですか？',
      thread: 'comment:17800000000000003',
      contact: { name: 'yuki_t', identities: [{ kind: 'instagram', value: '9000000000000003' }] },
      raw: { media: { media_product_type: 'REELS' } },
    },
  ])
})

test('an added Facebook comment without its author is a problem, not a message from nobody', () => {
  const value = { item: 'comment', verb: 'add', comment_id: 'c1', post_id: 'p1', message: 'hi', created_time: 1700000000 }
  const body = { object: 'page', entry: [{ id: '102938475610293', changes: [{ field: 'feed', value }] }] }
  const { events, problems } = normaliseMetaDelivery(body, route, receivedAt)
  expect(events).toEqual([])
  expect(problems).toEqual([
    { reason: 'malformed_item', detail: { path: 'entry[0].changes[0]', issues: ['from: missing'], item: value } },
  ])
})
