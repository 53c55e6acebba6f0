// Each class of Meta delivery that used to be dropped, unreadable or invisible, from the wire (a signed
// POST of a fixture written from Meta's reference to /webhooks/meta) to what the agent sees over REST:
// WhatsApp orders, Flow answers and unknown types; edits, revokes and unsends; replies the business wrote
// outside the helpdesk; number changes; Messenger locations, links and reactions; played statuses; and
// the account-level webhooks.
import { beforeAll, expect, test } from 'vitest'
import type { Message } from '../../shared/schema/message.ts'
import { postSignedWebhook, whatsappText } from '../fakes/meta-webhooks.ts'
import { eventually } from '../support/eventually.ts'
import { kindsAndValues } from '../support/identity-values.ts'
import { createFixtureChannels, messagesByExternalId, messageWith, postFixture } from '../support/meta-fixtures.ts'
import { appSecret, useMetaServer } from '../support/meta-server.ts'

const setup = useMetaServer()
let channels: Awaited<ReturnType<typeof createFixtureChannels>>

beforeAll(async () => {
  channels = await createFixtureChannels(setup.api)
})

const threadOf = async (ticketId: string): Promise<Message[]> => (await setup.api.get(`/api/tickets/${ticketId}`)).body.messages

test('a WhatsApp order lists its cart with quantities, prices and total, and a Flow reply its answers', async () => {
  await postFixture(setup, 'whatsapp-order')
  await postFixture(setup, 'whatsapp-flow-reply')
  const order = await messageWith(setup.api, 'wamid.HBgNNDkxNTExMjM0NTY3MBUCABIYFjNFQjBPUkRFUjAwMDAwMDAwMDAwMQA=')
  expect(order.body).toBe(
    [
      '🛒 Order from catalogue 1024883617355012: 2 products',
      '• 1 × jacket-blue-m at €89.90 each',
      '• 2 × scarf-wool at €19.50 each',
      'Total: €128.90',
      'Bitte bis Freitag liefern 🙏',
    ].join('\n'),
  )
  const flow = await messageWith(setup.api, 'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBGTE9XMDAwMDAwMDAwMDAwMQA=')
  expect(flow.body).toBe(
    [
      '📝 Form answers',
      'Preferred date: 2025-03-14',
      'Reason: Troca de tamanho — o casaco ficou grande',
      'Pickup options: Correios, Retirar na loja',
    ].join('\n'),
  )
  expect(flow.body).not.toContain('flow_token')
})

test('a type nobody knows says its type and what WhatsApp sent, never an empty message', async () => {
  await postFixture(setup, 'whatsapp-unknown-types')
  const all = await messagesByExternalId(setup.api)
  expect(all.get('wamid.unknown.poll1')!.body).toBe(
    '(unsupported message: poll_vote) {"poll_id":"wamid.poll.origin","selected":["水曜日 14:00"]}',
  )
  expect(all.get('wamid.unknown.bare1')!.body).toBe('(unsupported message: ephemeral)')
  expect(all.get('wamid.unknown.unsupported2')!.body).toContain('131051 Message type unknown')
})

test('a WhatsApp edit changes the original and keeps what it said; a revoke marks it deleted; neither adds a message', async () => {
  await postFixture(setup, 'whatsapp-edit')
  await postFixture(setup, 'whatsapp-revoke')
  const edited = await messageWith(setup.api, 'wamid.edit.original1')
  expect(edited.body).toBe('My order number is 40012, sorry')
  expect(edited.editedAt).toBe('2025-02-12T01:06:00.000Z')
  expect(edited.editHistory).toEqual([{ body: 'My order number is 40021', replacedAt: '2025-02-12T01:06:00.000Z' }])
  expect(await threadOf(edited.ticketId)).toHaveLength(1)
  // Search finds the message by what it says now.
  const found = await setup.api.get(`/api/tickets?q=${encodeURIComponent('40012')}`)
  expect(found.body.items.map((t: { id: string }) => t.id)).toEqual([edited.ticketId])

  const revoked = await messageWith(setup.api, 'wamid.revoke.original1')
  expect(revoked.deletedAt).toBe('2025-02-12T01:07:10.000Z')
  expect(await threadOf(revoked.ticketId)).toHaveLength(1)
  // A repeated delivery changes nothing twice.
  await postFixture(setup, 'whatsapp-edit')
  expect((await messageWith(setup.api, 'wamid.edit.original1')).editHistory).toHaveLength(1)
})

test('a Messenger edit and unsend change the original message, never add one', async () => {
  await postFixture(setup, 'messenger-message-edits')
  await postFixture(setup, 'messenger-unsend')
  const edited = await messageWith(setup.api, 'm_edit_original_0001')
  expect(edited.body).toBe('Can I pick it up on Tuesday instead?')
  expect(edited.editHistory.map((v) => v.body)).toEqual(['Can I pick it up on Monday?'])
  expect(await threadOf(edited.ticketId)).toHaveLength(1)
  const unsent = await messageWith(setup.api, 'm_unsend_original_0001')
  expect(unsent.body).toBe('wrong chat, sorry')
  expect(unsent.deletedAt).not.toBeNull()
  expect(await threadOf(unsent.ticketId)).toHaveLength(1)
})

test('what the business wrote in the WhatsApp Business app, in another Messenger tool or on a comment is an outbound message on the customer’s ticket', async () => {
  await postFixture(setup, 'whatsapp-smb-echoes')
  await postFixture(setup, 'messenger-echo-other-app')
  await postFixture(setup, 'facebook-comment-page-reply')
  await postFixture(setup, 'instagram-comment-own-reply')
  const all = await messagesByExternalId(setup.api)
  const pairs = [
    ['wamid.smb.customer1', 'wamid.smb.echo1'],
    ['m_other_app_customer_0001', 'm_other_app_echo_0001'],
    ['910000000000001_320000000000001', '910000000000001_320000000000002'],
    ['17900000000000011', '17900000000000012'],
  ]
  for (const [customer, business] of pairs) {
    const asked = all.get(customer!)!
    const answered = all.get(business!)!
    expect(answered, business).toMatchObject({ ticketId: asked.ticketId, direction: 'outbound', authorType: 'agent' })
    expect(asked.direction).toBe('inbound')
  }
  // The Page's top-level comment answers nobody: no ticket of its own.
  expect(all.has('910000000000001_320000000000003')).toBe(false)
  // The reaction the business sent from the phone shows on the customer's message.
  expect(all.get('wamid.smb.customer1')!.reactions).toEqual([{ by: 'agent', emoji: '👍', at: '2025-02-12T01:09:21.000Z' }])
  const ticket = (await setup.api.get(`/api/tickets/${all.get('wamid.smb.customer1')!.ticketId}`)).body.ticket
  expect(ticket.firstResponseAt).not.toBeNull()
})

test('a WhatsApp number change joins the contact and says so on the ticket, not as a customer message', async () => {
  await postFixture(setup, 'whatsapp-number-change')
  const first = await messageWith(setup.api, 'wamid.number.first1')
  const thread = await threadOf(first.ticketId)
  expect(thread.map((m) => [m.kind, m.authorType, m.body])).toEqual([
    ['message', 'contact', 'Where is my parcel?'],
    ['event', 'system', 'The customer changed their WhatsApp number from +12125550147 to +12125550199.'],
  ])
  const ticket = (await setup.api.get(`/api/tickets/${first.ticketId}`)).body.ticket
  const profile = await setup.api.get(`/api/contacts/${ticket.contactId}`)
  expect(kindsAndValues(profile.body.identities)).toEqual(
    expect.arrayContaining([
      { kind: 'whatsapp', value: '12125550147' },
      { kind: 'whatsapp', value: '12125550199' },
      { kind: 'phone', value: '+12125550199' },
    ]),
  )
  expect(profile.body.contact.phone).toBe('+12125550199')
  // The customer writing from the new number lands on the same contact.
  await postSignedWebhook(
    setup.server.url,
    whatsappText({ phoneNumberId: '106540352242922', from: '12125550199', text: 'It is me, new number' }),
    appSecret,
  )
  const later = await setup.api.get(`/api/tickets?q=${encodeURIComponent('new number')}`)
  expect(later.body.items[0].contactId).toBe(ticket.contactId)
})

test('a Messenger location keeps its coordinates, a shared link its URL, and reactions show on the message', async () => {
  await postFixture(setup, 'messenger-location-fallback')
  await postFixture(setup, 'messenger-reactions')
  await postFixture(setup, 'whatsapp-reaction')
  const all = await messagesByExternalId(setup.api)
  const location = all.get('m_location_0001')!
  expect(location.body).toBe('📍 Pinned Location (52.520008, 13.404954)')
  expect(location.attachments).toEqual([
    { type: 'location', url: 'geo:52.520008,13.404954', name: 'Pinned Location', mimeType: null },
  ])
  const link = all.get('m_fallback_0001')!
  expect(link.attachments[0]).toMatchObject({ type: 'other', url: 'https://shop.example.com/winter?utm_source=messenger' })
  expect(link.body).toContain('https://shop.example.com/winter')
  const reacted = all.get('m_reaction_target_0001')!
  expect(reacted.reactions.map((r) => [r.by, r.emoji])).toEqual([
    ['contact', '👍'],
    ['agent', '❤️'],
  ])
  expect(await threadOf(reacted.ticketId)).toHaveLength(1)
  expect(all.get('wamid.reaction.target1')!.reactions.map((r) => r.emoji)).toEqual(['❤️'])
})

test('a played status of a voice message we sent marks it read', async () => {
  const from = '4915199990000'
  await postSignedWebhook(
    setup.server.url,
    whatsappText({ phoneNumberId: '106540352242922', from, text: 'Send me a voice note' }),
    appSecret,
  )
  const ticket = (await setup.api.get(`/api/tickets?q=${encodeURIComponent('voice note')}`)).body.items[0]
  const reply = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Here it is' })
  expect(reply.status).toBe(202)
  const sent = await eventually(async () => {
    const message = (await threadOf(ticket.id)).find((m) => m.id === reply.body.message.id)!
    expect(message.status).toBe('sent')
    return message
  })
  await postFixture(setup, 'whatsapp-statuses-played', (text) =>
    text.replaceAll('wamid.voice.out1', sent.externalId!).replaceAll('919812345678', from),
  )
  expect((await threadOf(ticket.id)).find((m) => m.id === sent.id)!.status).toBe('read')
})

test('account-level webhooks notify the admins; a rejected template can no longer be chosen; an opt-out marks the contact', async () => {
  const template = await setup.api.post(`/api/channels/${channels.whatsapp}/templates`, {
    name: 'spring_sale',
    language: 'en_US',
    body: 'Spring sale: {{1}} off!',
  })
  expect(template.body.template.status).toBe('approved')
  for (const name of [
    'whatsapp-template-status',
    'whatsapp-phone-quality',
    'whatsapp-account-update',
    'whatsapp-account-alerts',
    'whatsapp-account-review',
    'whatsapp-user-preferences',
  ])
    await postFixture(setup, name)

  const notifications = (await setup.api.get('/api/notifications?limit=200')).body.items
  const bodies = notifications.filter((n: { kind: string }) => n.kind === 'channel_account').map((n: { body: string }) => n.body)
  const channel = 'WhatsApp +1 555 078 3881'
  expect(bodies).toEqual(
    expect.arrayContaining([
      `${channel}: Template spring_sale (en_US) is now rejected: reason INCORRECT_CATEGORY.`,
      `${channel}: Number +15550783881 quality: DOWNGRADE: messaging limit TIER_250 (was TIER_1K).`,
      `${channel}: WhatsApp account update: ACCOUNT_RESTRICTION: number +15550783881 RESTRICTED_BIZ_INITIATED_MESSAGING 1739927900.`,
      `${channel}: WhatsApp account alert (CRITICAL, ACTIVE): INCREASED_RISK_OF_POLICY_VIOLATION: Messages from this account were reported as spam by many customers.`,
      `${channel}: WhatsApp account review: REJECTED.`,
    ]),
  )

  const templates = (await setup.api.get(`/api/channels/${channels.whatsapp}/templates`)).body.items
  expect(templates.find((t: { name: string }) => t.name === 'spring_sale').status).toBe('rejected')
  const order = await messageWith(setup.api, 'wamid.HBgNNDkxNTExMjM0NTY3MBUCABIYFjNFQjBPUkRFUjAwMDAwMDAwMDAwMQA=')
  const refused = await setup.api.post(`/api/tickets/${order.ticketId}/replies`, {
    template: { name: 'spring_sale', language: 'en_US', params: ['20%'] },
  })
  expect(refused.status).toBe(422)
  expect(refused.body.error).toMatchObject({ code: 'unknown_template', message: expect.stringContaining('rejected') })

  const optedOut = await messageWith(setup.api, 'wamid.prefs.first1')
  const ticket = (await setup.api.get(`/api/tickets/${optedOut.ticketId}`)).body
  expect(ticket.contact.marketingOptOutAt).toBe('2025-02-12T01:26:00.000Z')
})
