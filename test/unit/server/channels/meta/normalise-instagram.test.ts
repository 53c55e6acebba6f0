import { expect, test } from 'vitest'
import { fixture, messagesOf, normaliseFixture } from './meta-fixtures.ts'

const igsid = { kind: 'instagram', value: '6841100000000000' }

test('a DM becomes an inbound message from the IGSID', () => {
  const { events, problems } = normaliseFixture('instagram-text')
  expect(problems).toEqual([])
  expect(messagesOf(events)).toEqual([
    {
      workspaceId: 'w1',
      channelId: 'instagram-1',
      channelKind: 'instagram',
      externalId: 'aWdfZG1fMTc4NDEwMDAwMDAwMDAwMDA',
      sentAt: '2023-11-14T22:13:39.800Z',
      contact: { name: null, identities: [igsid] },
      subject: null,
      thread: null,
      direction: 'inbound',
      replyToExternalId: null,
      emailThread: null,
      files: [],
      autoSubmitted: false,
      body: 'Do you ship to Canada?',
      html: null,
      mail: null,
      attachments: [],
      raw: (fixture('instagram-text') as any).entry[0].messaging[0],
    },
  ])
})

test('media, shares and reels keep their urls: media by type, the rest as other', () => {
  const [message] = messagesOf(normaliseFixture('instagram-attachments').events)
  expect(message!.attachments.map((a) => [a.type, a.name])).toEqual([
    ['image', null],
    ['video', null],
    ['audio', null],
    ['file', null],
    ['other', 'share'],
    ['other', 'Unboxing'],
    ['other', 'reel'],
  ])
  expect(message!.attachments.every((a) => a.url?.startsWith('https://'))).toBe(true)
})

test('a story reply carries its text, the story link and a subject saying so', () => {
  const [message] = messagesOf(normaliseFixture('instagram-story-reply').events)
  expect(message).toMatchObject({
    body: 'Love this 😍',
    subject: 'Reply to your story',
    replyToExternalId: null,
    emailThread: null,
    files: [],
    autoSubmitted: false,
    attachments: [{ type: 'other', url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=story1', name: 'story' }],
  })
  expect((message!.raw as any).message.reply_to.story.id).toBe('17900000000000000')
})

test('a story mention is a message with the story link and a body saying what it is', () => {
  const [message] = messagesOf(normaliseFixture('instagram-story-mention').events)
  expect(message).toMatchObject({
    body: 'Mentioned you in their story',
    subject: 'Mentioned you in their story',
    attachments: [
      { type: 'other', url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=mention1', name: 'story_mention' },
    ],
  })
})

test('an unsend is a deletion of the same mid, and unsupported content a placeholder keeping raw', () => {
  const { events, problems } = normaliseFixture('instagram-deleted-unsupported')
  expect(problems).toEqual([])
  expect(events[0]).toEqual({
    type: 'deleted',
    workspaceId: 'w1',
    channelId: 'instagram-1',
    externalId: 'aWdfZG1fMTc4NDEwMDAwMDAwMDAwMDA',
    at: '2023-11-14T22:13:43.900Z',
  })
  expect(messagesOf(events)).toMatchObject([
    { externalId: 'aWdf_unsupported_1', body: '(unsupported message)', raw: { message: { is_unsupported: true } } },
  ])
})

test('echoes, flagged or only sent by the account itself, are outbound messages to the IGSID', () => {
  const messages = messagesOf(normaliseFixture('instagram-echo').events)
  expect(messages).toMatchObject([
    { externalId: 'aWdf_echo_1', direction: 'outbound', contact: { identities: [igsid] }, body: 'Yes we do!' },
    { externalId: 'aWdf_echo_2', direction: 'outbound', contact: { identities: [igsid] }, attachments: [{ type: 'image' }] },
  ])
})

test('a read names one message and becomes its read status; a reaction changes its message; a postback is a message', () => {
  const { events, problems } = normaliseFixture('instagram-read-reaction-postback')
  expect(problems).toEqual([])
  expect(events[0]).toEqual({
    type: 'status',
    workspaceId: 'w1',
    channelId: 'instagram-1',
    externalId: 'aWdf_echo_1',
    status: 'read',
    at: '2023-11-14T22:13:50.000Z',
    error: null,
  })
  expect(events[1]).toMatchObject({ type: 'reaction', externalId: 'aWdf_echo_1', by: 'contact', emoji: '❤️' })
  expect(messagesOf(events).map((m) => [m.externalId, m.body, m.replyToExternalId, m.contact.identities])).toEqual([
    ['aWdf_pb_1', 'Track order', null, [igsid]],
  ])
})

test('Instagram DMs delivered with object "page" go to the Instagram channel of that account', () => {
  const { events, problems } = normaliseFixture('instagram-page-object')
  expect(problems).toEqual([])
  expect(messagesOf(events)).toMatchObject([
    { channelId: 'instagram-1', channelKind: 'instagram', contact: { identities: [igsid] }, body: 'Hello from Instagram' },
  ])
})

test('the dashboard test delivery (entry id "0", numeric ids, a wrapped message in seconds) is read', () => {
  const route = (kind: string, id: string) => (kind === 'instagram' && id === '0' ? { id: 'ig-test', workspaceId: 'w9' } : null)
  const { events, problems } = normaliseFixture('instagram-dashboard-test', route)
  expect(problems).toEqual([])
  expect(messagesOf(events)).toMatchObject([
    {
      channelId: 'ig-test',
      externalId: 'random_mid',
      body: 'random_text',
      sentAt: '2018-05-27T22:23:44.000Z',
      contact: { identities: [{ kind: 'instagram', value: '12334' }] },
    },
  ])
})
