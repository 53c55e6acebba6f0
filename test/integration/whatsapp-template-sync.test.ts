// Syncing a WhatsApp account's templates from Meta: every page of GET /{waba-id}/message_templates read
// from the fake Graph API (which checks the token as Meta does), kept with Meta's status and category, a
// second sync updating what Meta changed, admins only, and a refused read leaving everything as it was.
import { beforeAll, expect, test } from 'vitest'
import { graphErrors } from '../fakes/graph-errors.ts'
import type { MetaTemplate } from '../fakes/graph-templates.ts'
import { postSignedWebhook, whatsappText } from '../fakes/meta-webhooks.ts'
import { signedInAgent } from '../support/agents.ts'
import { appSecret, useMetaServer } from '../support/meta-server.ts'

const setup = useMetaServer()
const number = { phoneNumberId: '106540352242923', businessAccountId: '102290129340399' }
const token = 'EAAW-sync-token'
let channelId: string

const body = (text: string): MetaTemplate['components'] => [
  { type: 'HEADER', format: 'TEXT', text: 'Our shop' },
  { type: 'BODY', text },
  { type: 'FOOTER', text: 'Reply STOP to opt out' },
]

/** 120 templates: more than one page of the 100 the server asks for (Meta's default page is 25). */
function account(statusOfFirst: MetaTemplate['status'] = 'APPROVED'): MetaTemplate[] {
  const many = Array.from({ length: 118 }, (_, i) => ({
    name: `update_${String(i).padStart(3, '0')}`,
    language: 'en_US',
    status: 'APPROVED' as const,
    category: 'UTILITY' as const,
    components: body(`Update ${i} for {{1}}`),
  }))
  return [
    {
      name: 'order_shipped',
      language: 'en_US',
      status: statusOfFirst,
      category: 'UTILITY',
      components: body('Hi {{1}}, order {{2}} shipped.'),
    },
    {
      name: 'spring_sale',
      language: 'de',
      status: 'REJECTED',
      category: 'MARKETING',
      components: body('Frühlingsangebot für {{1}}!'),
    },
    ...many,
  ]
}

beforeAll(async () => {
  setup.graph.setMode({ acceptedTokens: [token] })
  const created = await setup.api.post('/api/channels', {
    kind: 'whatsapp',
    name: 'WhatsApp sync',
    config: { ...number, accessToken: token, displayPhoneNumber: '+1 555 078 3882' },
  })
  expect(created.status).toBe(201)
  channelId = created.body.channel.id
})

const sync = () => setup.api.post(`/api/channels/${channelId}/templates/sync`)
const templateNamed = (items: { name: string; language: string; status: string }[], name: string, language: string) =>
  items.find((t) => t.name === name && t.language === language)

test('reads every page of the account’s templates with the channel’s token and keeps status and category', async () => {
  setup.graph.setTemplates(number.businessAccountId, account())
  setup.graph.reset()
  const synced = await sync()
  expect(synced.status).toBe(200)
  expect(synced.body).toMatchObject({ added: 120, updated: 0, unchanged: 0 })
  expect(synced.body.items).toHaveLength(120)
  expect(templateNamed(synced.body.items, 'order_shipped', 'en_US')).toMatchObject({
    body: 'Hi {{1}}, order {{2}} shipped.',
    paramCount: 2,
    status: 'approved',
    category: 'utility',
  })
  expect(templateNamed(synced.body.items, 'spring_sale', 'de')).toMatchObject({ status: 'rejected', category: 'marketing' })

  const calls = setup.graph.requests.filter((r) => r.path.endsWith('/message_templates'))
  expect(calls).toHaveLength(2)
  for (const call of calls) {
    expect(call.method).toBe('GET')
    expect(call.path).toMatch(new RegExp(`^/v[\\d.]+/${number.businessAccountId}/message_templates$`))
    expect(call.headers.authorization).toBe(`Bearer ${token}`)
    expect(call.query.access_token).toBeUndefined()
    expect(call.response?.status).toBe(200)
  }
  // The second page was asked with the cursor the first one gave.
  const first = calls[0]!.response!.body as { paging: { cursors: { after: string }; next?: string } }
  expect(first.paging.next).toBeDefined()
  expect(calls[1]!.query.after).toBe(first.paging.cursors.after)

  const listed = await setup.api.get(`/api/channels/${channelId}/templates`)
  expect(listed.body.items).toHaveLength(120)
})

test('a second sync takes Meta’s new statuses, and a template paused at Meta is refused when sending', async () => {
  setup.graph.setTemplates(number.businessAccountId, account('PAUSED'))
  const again = await sync()
  expect(again.status).toBe(200)
  expect(again.body).toMatchObject({ added: 0, updated: 1, unchanged: 119 })
  expect(templateNamed(again.body.items, 'order_shipped', 'en_US')?.status).toBe('paused')

  const from = '16505559876'
  const delivery = whatsappText({
    ...number,
    from,
    name: 'Pat',
    text: 'Where is my parcel?',
    at: new Date(Date.now() - 26 * 3_600_000),
  })
  expect((await postSignedWebhook(setup.server.url, delivery, appSecret)).status).toBe(200)
  const ticket = (await setup.api.get(`/api/tickets?channel=whatsapp&q=${encodeURIComponent('Where is my parcel?')}`)).body
    .items[0]
  const paused = await setup.api.post(`/api/tickets/${ticket.id}/replies`, {
    template: { name: 'order_shipped', language: 'en_US', params: ['Pat', 'A-1'] },
  })
  expect(paused.status).toBe(422)
  expect(paused.body.error.code).toBe('unknown_template')
  expect(paused.body.error.message).toContain('paused')
  const rejected = await setup.api.post(`/api/tickets/${ticket.id}/replies`, {
    template: { name: 'spring_sale', language: 'de', params: ['Pat'] },
  })
  expect(rejected.status).toBe(422)
  expect(rejected.body.error.message).toContain('rejected')
  const approved = await setup.api.post(`/api/tickets/${ticket.id}/replies`, {
    template: { name: 'update_003', language: 'en_US', params: ['Pat'] },
  })
  expect(approved.status).toBe(202)
  expect(approved.body.message.body).toBe('Update 3 for Pat')
})

test('only admins may sync; another workspace’s or an unknown channel is not found', async () => {
  for (const role of ['agent', 'supervisor'] as const) {
    const { client } = await signedInAgent(setup.api, role)
    const refused = await client.post(`/api/channels/${channelId}/templates/sync`)
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('forbidden')
  }
  expect((await setup.api.post('/api/channels/00000000-0000-4000-8000-000000000000/templates/sync')).status).toBe(404)
  expect((await setup.api.post('/api/channels/not-an-id/templates/sync')).status).toBe(404)
})

test('Meta refusing a page answers 502 provider_error with Meta’s words and writes nothing', async () => {
  const before = (await setup.api.get(`/api/channels/${channelId}/templates`)).body.items
  setup.graph.setTemplates(
    number.businessAccountId,
    account('APPROVED').map((t) => ({ ...t, status: 'DISABLED' as const })),
  )
  // The first page is served, the second refused: nothing of the first may be kept.
  setup.graph.inject({
    match: (r) => r.path.endsWith('/message_templates') && r.query.after !== undefined,
    ...graphErrors.expiredToken,
  })
  const failed = await sync()
  expect(failed.status).toBe(502)
  expect(failed.body.error.code).toBe('provider_error')
  expect(failed.body.error.message).toContain('Meta error 190/463')
  expect(failed.body.error.message).toContain('Session has expired')
  expect((await setup.api.get(`/api/channels/${channelId}/templates`)).body.items).toEqual(before)

  // A token Meta does not accept, on every page.
  setup.graph.setMode({ acceptedTokens: ['another-token'] })
  const badToken = await sync()
  setup.graph.setMode({ acceptedTokens: [token] })
  expect(badToken.status).toBe(502)
  expect(badToken.body.error.message).toContain('Meta error 190')
  expect((await setup.api.get(`/api/channels/${channelId}/templates`)).body.items).toEqual(before)
})

test('an account Meta does not know, and a channel that is not WhatsApp, are clear errors', async () => {
  const other = await setup.api.post('/api/channels', {
    kind: 'whatsapp',
    name: 'WhatsApp unknown account',
    config: {
      phoneNumberId: '106540352242999',
      businessAccountId: '999999999',
      accessToken: token,
      displayPhoneNumber: '+1 555 000 0000',
    },
  })
  const unknown = await setup.api.post(`/api/channels/${other.body.channel.id}/templates/sync`)
  expect(unknown.status).toBe(502)
  expect(unknown.body.error.message).toContain('does not exist')
  const chat = await setup.api.post('/api/channels', { kind: 'chat', name: 'Chat no templates', config: {} })
  const notWhatsApp = await setup.api.post(`/api/channels/${chat.body.channel.id}/templates/sync`)
  expect(notWhatsApp.status).toBe(400)
  expect(notWhatsApp.body.error.code).toBe('invalid_input')
})
