import { expect, test } from 'vitest'
import {
  combineWebhooks,
  facebookComment,
  instagramComment,
  instagramDm,
  instagramEcho,
  instagramStoryMention,
  instagramStoryReply,
  instagramUnsend,
  messengerAttachment,
  messengerDelivered,
  messengerEcho,
  messengerPostback,
  messengerRead,
  messengerText,
  whatsappImage,
  whatsappInteractive,
  whatsappLocation,
  whatsappReaction,
  whatsappStatus,
  whatsappText,
} from '../../fakes/meta-webhooks.ts'

const page = { pageId: '102938475610293', psid: '7392015648120394' }
const ig = { igUserId: '17841400000000000', igsid: '6841100000000000' }
const wa = { phoneNumberId: '106540352242922', businessAccountId: '102290129340398', displayPhoneNumber: '15550783881' }

test('builds the reference Messenger text delivery', () => {
  const body = messengerText({
    ...page,
    at: 1700000001000,
    mid: 'm_AbC1dEf2GhI3jKl4MnO5pQ',
    text: 'Is the blue one in stock?',
    quickReplyPayload: 'STOCK_QUERY',
    replyToMid: 'm_1fTq8oLumEyIp3Q2MR-aY7IfLZDamVrALniheU',
  })
  expect(body).toEqual({
    object: 'page',
    entry: [
      {
        id: '102938475610293',
        time: 1700000001000,
        messaging: [
          {
            sender: { id: '7392015648120394' },
            recipient: { id: '102938475610293' },
            timestamp: 1700000001000,
            message: {
              mid: 'm_AbC1dEf2GhI3jKl4MnO5pQ',
              text: 'Is the blue one in stock?',
              quick_reply: { payload: 'STOCK_QUERY' },
              reply_to: { mid: 'm_1fTq8oLumEyIp3Q2MR-aY7IfLZDamVrALniheU' },
            },
          },
        ],
      },
    ],
  })
})

test('builds Messenger attachments, echoes, delivery and read watermarks and postbacks', () => {
  const attachment = messengerAttachment({
    ...page,
    attachments: [{ type: 'image', url: 'https://scontent.xx.fbcdn.net/a.jpg' }],
  })
  expect(attachment.entry[0]!.messaging[0]!.message.attachments).toEqual([
    { type: 'image', payload: { url: 'https://scontent.xx.fbcdn.net/a.jpg' } },
  ])
  expect(attachment.entry[0]!.messaging[0]!.message.mid).toMatch(/^m_/)

  const echo = messengerEcho({ ...page, text: 'Yes, size M is available.', metadata: 'helpdesk:msg:8f3a', mid: 'm_Z' })
  expect(echo.entry[0]!.messaging[0]).toMatchObject({
    sender: { id: page.pageId },
    recipient: { id: page.psid },
    message: {
      is_echo: true,
      app_id: 1517776481860111,
      metadata: 'helpdesk:msg:8f3a',
      mid: 'm_Z',
      text: 'Yes, size M is available.',
    },
  })

  const delivered = messengerDelivered({ ...page, mids: ['m_abc'], watermark: 1700000006000 })
  expect(delivered.entry[0]!.messaging[0]).toEqual({
    sender: { id: page.psid },
    recipient: { id: page.pageId },
    delivery: { mids: ['m_abc'], watermark: 1700000006000 },
  })
  const read = messengerRead({ ...page, watermark: new Date(1700000006500), at: 1700000007000 })
  expect(read.entry[0]!.messaging[0]).toEqual({
    sender: { id: page.psid },
    recipient: { id: page.pageId },
    timestamp: 1700000007000,
    read: { watermark: 1700000006500 },
  })
  const postback = messengerPostback({ ...page, title: 'Talk to an agent', payload: 'HANDOFF', mid: 'm_pb1', ref: 'spring_sale' })
  expect(postback.entry[0]!.messaging[0]!.postback).toEqual({
    mid: 'm_pb1',
    title: 'Talk to an agent',
    payload: 'HANDOFF',
    referral: { ref: 'spring_sale', source: 'SHORTLINK', type: 'OPEN_THREAD' },
  })
})

test('builds Instagram DMs, story replies and mentions, unsends and echoes', () => {
  const dm = instagramDm({ ...ig, text: 'Do you ship to Canada?', at: 1700000019800 })
  expect(dm.object).toBe('instagram')
  expect(dm.entry[0]).toMatchObject({
    id: ig.igUserId,
    messaging: [
      {
        sender: { id: ig.igsid },
        recipient: { id: ig.igUserId },
        timestamp: 1700000019800,
        message: { text: 'Do you ship to Canada?' },
      },
    ],
  })
  expect(dm.entry[0]!.messaging[0]!.message.mid).toMatch(/^aWdfZG1f/)
  expect(() => instagramDm({ ...ig })).toThrow()

  const story = instagramStoryReply({
    ...ig,
    text: 'Love this',
    storyId: '17900000000000000',
    storyUrl: 'https://lookaside.fbsbx.com/s',
  })
  expect(story.entry[0]!.messaging[0]!.message.reply_to).toEqual({
    story: { id: '17900000000000000', url: 'https://lookaside.fbsbx.com/s' },
  })
  const mention = instagramStoryMention({ ...ig })
  expect(mention.entry[0]!.messaging[0]!.message.attachments[0]!.type).toBe('story_mention')
  expect(instagramUnsend({ ...ig, mid: 'aWdfX' }).entry[0]!.messaging[0]!.message).toEqual({ mid: 'aWdfX', is_deleted: true })
  const echo = instagramEcho({ ...ig, text: 'Yes we do!' })
  expect(echo.entry[0]!.messaging[0]).toMatchObject({
    sender: { id: ig.igUserId },
    recipient: { id: ig.igsid },
    message: { is_echo: true },
  })
})

test('builds the reference Instagram comment and a Page feed comment', () => {
  const comment = instagramComment({
    igUserId: '17841400000000000',
    at: 1700000040_000,
    commentId: '17900000000000001',
    text: 'How much is this?',
    fromId: '9000000000000001',
    fromUsername: 'dana.w',
    mediaId: '17800000000000001',
    parentId: '17900000000000000',
  })
  expect(comment).toEqual({
    object: 'instagram',
    entry: [
      {
        id: '17841400000000000',
        time: 1700000040,
        changes: [
          {
            field: 'comments',
            value: {
              id: '17900000000000001',
              text: 'How much is this?',
              from: { id: '9000000000000001', username: 'dana.w' },
              media: { id: '17800000000000001', media_product_type: 'FEED' },
              parent_id: '17900000000000000',
            },
          },
        ],
      },
    ],
  })
  const feed = facebookComment({
    pageId: '111',
    postId: '111_222',
    commentId: '222_333',
    fromId: '444',
    fromName: 'Dana',
    message: 'Price?',
    at: 1700000050_000,
  })
  expect(feed.entry[0]!.changes[0]).toEqual({
    field: 'feed',
    value: {
      from: { id: '444', name: 'Dana' },
      post_id: '111_222',
      comment_id: '222_333',
      parent_id: '111_222',
      created_time: 1700000050,
      item: 'comment',
      message: 'Price?',
      verb: 'add',
    },
  })
})

test('builds the reference WhatsApp text delivery', () => {
  const body = whatsappText({
    ...wa,
    from: '16505551234',
    name: 'Sheena Nelson',
    id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
    at: 1739321024_000,
    text: "Hi, my order hasn't arrived",
  })
  expect(body).toEqual({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
              contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
              messages: [
                {
                  from: '16505551234',
                  id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
                  timestamp: '1739321024',
                  type: 'text',
                  text: { body: "Hi, my order hasn't arrived" },
                },
              ],
            },
          },
        ],
      },
    ],
  })
})

test('builds WhatsApp image, location, reaction and interactive messages', () => {
  const from = { ...wa, from: '16505551234' }
  const message = (body: { entry: { changes: { value: { messages: unknown[] } }[] }[] }) =>
    body.entry[0]!.changes[0]!.value.messages[0]
  expect(message(whatsappImage({ ...from, mediaId: '2754859441498128', caption: 'Box', sha256: 'ab' }))).toMatchObject({
    type: 'image',
    image: { caption: 'Box', mime_type: 'image/jpeg', sha256: 'ab', id: '2754859441498128' },
  })
  expect(
    message(whatsappLocation({ ...from, latitude: 37.48, longitude: -122.15, placeName: 'HQ', address: '1 Hacker Way' })),
  ).toMatchObject({
    type: 'location',
    location: { latitude: 37.48, longitude: -122.15, name: 'HQ', address: '1 Hacker Way' },
  })
  expect(message(whatsappReaction({ ...from, messageId: 'wamid.R', emoji: '👍' }))).toMatchObject({
    type: 'reaction',
    reaction: { message_id: 'wamid.R', emoji: '👍' },
  })
  expect(
    message(
      whatsappInteractive({ ...from, contextId: 'wamid.Q', reply: { kind: 'button', id: 'cancel-button', title: 'Cancel' } }),
    ),
  ).toMatchObject({
    context: { from: '15550783881', id: 'wamid.Q' },
    type: 'interactive',
    interactive: { type: 'button_reply', button_reply: { id: 'cancel-button', title: 'Cancel' } },
  })
  expect(
    message(whatsappInteractive({ ...from, reply: { kind: 'list', id: 'p', title: 'Priority', description: 'Next day' } })),
  ).toMatchObject({
    interactive: { type: 'list_reply', list_reply: { id: 'p', title: 'Priority', description: 'Next day' } },
  })
})

test('builds WhatsApp statuses, a failed one carrying #131047 unless told otherwise', () => {
  const status = (body: ReturnType<typeof whatsappStatus>) => body.entry[0]!.changes[0]!.value.statuses[0]
  expect(
    status(whatsappStatus({ ...wa, messageId: 'wamid.X', recipientId: '16505551234', status: 'delivered', at: 1750857384_000 })),
  ).toMatchObject({
    id: 'wamid.X',
    status: 'delivered',
    timestamp: '1750857384',
    recipient_id: '16505551234',
  })
  expect(status(whatsappStatus({ ...wa, messageId: 'wamid.X', recipientId: '1', status: 'failed' }))).toMatchObject({
    status: 'failed',
    errors: [{ code: 131047, title: 'Re-engagement message', error_data: { details: expect.stringContaining('24 hours') } }],
  })
  const undeliverable = whatsappStatus({
    ...wa,
    messageId: 'w',
    recipientId: '1',
    status: 'failed',
    error: { code: 131026, title: 'Message undeliverable' },
  })
  expect(status(undeliverable)).toMatchObject({ errors: [{ code: 131026 }] })
})

test('combines deliveries as separate entries, or merged into one entry and one WhatsApp value', () => {
  const a = messengerText({ ...page, text: 'one' })
  const b = messengerText({ ...page, text: 'two' })
  const c = messengerText({ pageId: '999', psid: '1', text: 'other page' })
  expect(combineWebhooks([a, b, c]).entry).toHaveLength(3)
  const merged = combineWebhooks([a, b, c], { merge: true })
  expect(merged.entry.map((e) => e.messaging?.length)).toEqual([2, 1])
  expect(a.entry[0]!.messaging).toHaveLength(1)

  const w1 = whatsappText({ ...wa, from: '1', text: 'x' })
  const w2 = whatsappText({ ...wa, from: '1', text: 'y' })
  const w3 = whatsappText({ ...wa, from: '2', text: 'z' })
  const ws = combineWebhooks([w1, w2, w3], { merge: true })
  expect(ws.entry).toHaveLength(1)
  expect(ws.entry[0]!.changes).toHaveLength(1)
  const value = ws.entry[0]!.changes![0]!.value as { messages: unknown[]; contacts: { wa_id: string }[] }
  expect(value.messages).toHaveLength(3)
  expect(value.contacts.map((c) => c.wa_id)).toEqual(['1', '2'])
  expect(() => combineWebhooks([a, w1])).toThrow()
})
