// Saved replies over HTTP: who sees and writes them per scope (workspace, team, personal), variables checked
// when saved and filled from a ticket when rendered, shortcuts unique per scope and language, search in any
// language, language variants first, usage counted, and clear 4xx answers for bad input and others' replies.
import { beforeAll, expect, test } from 'vitest'
import { type SignedInAgent, signedInAgent } from '../support/agents.ts'
import type { ApiClient } from '../support/api-client.ts'
import { eventually } from '../support/eventually.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { useTestServer } from '../support/test-server.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useTestServer()

let bea: SignedInAgent
let carl: SignedInAgent
let sam: SignedInAgent
let teamId: string
let ticketId: string
let ticketNumber: number
let contactEmail: string

const del = (client: ApiClient, path: string) => client.request('DELETE', path)
const titles = (body: { items: { title: string }[] }) => body.items.map((r) => r.title)

beforeAll(async () => {
  bea = await signedInAgent(setup.api, 'agent', 'Bea Agent')
  carl = await signedInAgent(setup.api, 'agent', 'Carl Colleague')
  sam = await signedInAgent(setup.api, 'supervisor', 'Sam Supervisor')
  const team = await setup.api.post('/api/teams', { name: 'Japan desk', agentIds: [bea.agent.id] })
  teamId = team.body.team.id
  const channelId = await createFormChannel(setup.api)
  contactEmail = uniqueEmail('hanako')
  await submitForm(setup.server.url, channelId, {
    name: '山田 花子',
    email: contactEmail,
    phone: '+81 90 1234 5678',
    subject: '注文について',
    message: '注文した商品がまだ届いていません。確認していただけますか。',
  })
  const ticket = await eventually(async () => {
    const found = await setup.api.get(`/api/tickets?q=${encodeURIComponent('届いて')}`)
    expect(found.body.items).toHaveLength(1)
    return found.body.items[0]
  })
  ticketId = ticket.id
  ticketNumber = ticket.number
})

test('a workspace reply is read by everyone and written by admins and supervisors only', async () => {
  const made = await setup.api.post('/api/saved-replies', {
    title: 'Greeting',
    shortcut: '/hello',
    body: 'Hello {{contact.first_name}}, {{agent.first_name}} here.',
    language: 'en',
    scope: 'workspace',
    folder: 'Openers',
  })
  expect(made.status).toBe(201)
  expect(made.body.savedReply).toMatchObject({
    title: 'Greeting',
    shortcut: 'hello',
    language: 'en',
    scope: 'workspace',
    teamId: null,
    folder: 'Openers',
    attachments: [],
    usageCount: 0,
    lastUsedAt: null,
  })
  const id = made.body.savedReply.id
  expect(titles((await carl.client.get('/api/saved-replies')).body)).toContain('Greeting')

  const byAgent = await bea.client.post('/api/saved-replies', { title: 'Mine for all', body: 'x', scope: 'workspace' })
  expect(byAgent.status).toBe(403)
  expect(byAgent.body.error.code).toBe('forbidden')
  expect((await bea.client.patch(`/api/saved-replies/${id}`, { title: 'Hijacked' })).status).toBe(403)
  expect((await del(bea.client, `/api/saved-replies/${id}`)).status).toBe(403)

  const bySupervisor = await sam.client.patch(`/api/saved-replies/${id}`, { title: 'Greeting (formal)' })
  expect(bySupervisor.status).toBe(200)
  expect(bySupervisor.body.savedReply.title).toBe('Greeting (formal)')
})

test('a personal reply is seen by its owner alone: to a colleague, and to an admin, it does not exist', async () => {
  const made = await bea.client.post('/api/saved-replies', {
    title: 'Bea private sign-off',
    body: 'Cheers, {{agent.name}}',
    scope: 'personal',
  })
  expect(made.status).toBe(201)
  expect(made.body.savedReply.ownerId).toBe(bea.agent.id)
  const id = made.body.savedReply.id
  expect(titles((await bea.client.get('/api/saved-replies')).body)).toContain('Bea private sign-off')
  for (const other of [carl.client, setup.api]) {
    expect(titles((await other.get('/api/saved-replies')).body)).not.toContain('Bea private sign-off')
    const patched = await other.patch(`/api/saved-replies/${id}`, { title: 'Taken over' })
    expect(patched.status).toBe(404)
    expect(patched.body.error.code).toBe('not_found')
    expect((await del(other, `/api/saved-replies/${id}`)).status).toBe(404)
    expect((await other.post(`/api/tickets/${ticketId}/render-saved-reply`, { savedReplyId: id })).status).toBe(404)
  }
  // A personal reply cannot be moved to the whole workspace by an agent.
  expect((await bea.client.patch(`/api/saved-replies/${id}`, { scope: 'workspace' })).status).toBe(403)
  expect((await bea.client.patch(`/api/saved-replies/${id}`, { title: 'Bea sign-off' })).status).toBe(200)
  expect((await del(bea.client, `/api/saved-replies/${id}`)).status).toBe(200)
  expect(titles((await bea.client.get('/api/saved-replies')).body)).not.toContain('Bea sign-off')
})

test("a team's replies are read and written by its members, admins and supervisors; other agents never see them", async () => {
  const made = await bea.client.post('/api/saved-replies', {
    title: 'Japan desk hours',
    body: '営業時間は平日9時から18時までです。',
    language: 'ja',
    scope: 'team',
    teamId,
  })
  expect(made.status).toBe(201)
  const id = made.body.savedReply.id
  expect(made.body.savedReply.teamId).toBe(teamId)

  const byOutsider = await carl.client.post('/api/saved-replies', { title: 'Sneaky', body: 'x', scope: 'team', teamId })
  expect(byOutsider.status).toBe(403)
  expect(titles((await carl.client.get('/api/saved-replies')).body)).not.toContain('Japan desk hours')
  expect((await carl.client.patch(`/api/saved-replies/${id}`, { title: 'Mine now' })).status).toBe(404)

  for (const overseer of [sam.client, setup.api]) {
    const listed = await overseer.get(`/api/saved-replies?teamId=${teamId}`)
    expect(titles(listed.body)).toEqual(['Japan desk hours'])
  }
  expect((await sam.client.patch(`/api/saved-replies/${id}`, { folder: 'Hours' })).body.savedReply.folder).toBe('Hours')
  const scoped = await bea.client.get(`/api/saved-replies?scope=team&folder=Hours`)
  expect(titles(scoped.body)).toEqual(['Japan desk hours'])
})

test('a body naming a variable that does not exist is refused, naming it', async () => {
  const refused = await setup.api.post('/api/saved-replies', {
    title: 'Typo',
    body: 'Hi {{contact.nickname}}, your order {{order.name}} ships soon.',
    scope: 'workspace',
  })
  expect(refused.status).toBe(400)
  expect(refused.body.error.code).toBe('unknown_variable')
  expect(refused.body.error.message).toContain('{{contact.nickname}}')
  // Only the unknown one is blamed; the message then lists the variables there are.
  expect(refused.body.error.message).toMatch(/^The body uses \{\{contact\.nickname\}\}, which is no variable;/)
  expect(refused.body.error.details.unknown).toEqual(['contact.nickname'])

  const made = await setup.api.post('/api/saved-replies', { title: 'Fine', body: 'Hi {{ contact.name }}', scope: 'workspace' })
  expect(made.status).toBe(201)
  const patched = await setup.api.patch(`/api/saved-replies/${made.body.savedReply.id}`, { body: 'Hi {{customer.name}}' })
  expect(patched.status).toBe(400)
  expect(patched.body.error.code).toBe('unknown_variable')
  expect(patched.body.error.message).toContain('{{customer.name}}')
})

test('a shortcut is unique per scope and language; another language makes a variant', async () => {
  const english = await setup.api.post('/api/saved-replies', {
    title: 'Refund policy',
    shortcut: 'refund',
    body: 'You can return any item within 30 days.',
    language: 'en',
    scope: 'workspace',
  })
  expect(english.status).toBe(201)
  const again = await sam.client.post('/api/saved-replies', {
    title: 'Refunds again',
    shortcut: '/Refund',
    body: 'Another text',
    language: 'en',
    scope: 'workspace',
  })
  expect(again.status).toBe(409)
  expect(again.body.error.code).toBe('shortcut_taken')
  expect(again.body.error.message).toContain('/refund')
  expect(again.body.error.message).toContain('Refund policy')

  const japanese = await setup.api.post('/api/saved-replies', {
    title: '返金ポリシー',
    shortcut: 'refund',
    body: '{{contact.name}}様、商品到着後30日以内であれば返品を承ります。',
    language: 'ja',
    scope: 'workspace',
  })
  expect(japanese.status).toBe(201)
  // An agent's own shortcut may repeat a shared one: it is another scope.
  expect(
    (
      await carl.client.post('/api/saved-replies', {
        title: 'My refund',
        shortcut: 'refund',
        body: 'x',
        language: 'en',
        scope: 'personal',
      })
    ).status,
  ).toBe(201)
  // Changing a reply into a taken shortcut is the same conflict.
  const other = await setup.api.post('/api/saved-replies', {
    title: 'Exchange',
    shortcut: 'exchange',
    body: 'y',
    language: 'en',
    scope: 'workspace',
  })
  const clash = await setup.api.patch(`/api/saved-replies/${other.body.savedReply.id}`, { shortcut: 'refund' })
  expect(clash.status).toBe(409)
  expect(clash.body.error.code).toBe('shortcut_taken')

  const inJapanese = await bea.client.get('/api/saved-replies?language=ja&q=refund')
  expect(inJapanese.status).toBe(200)
  expect(inJapanese.body.language).toBe('ja')
  expect(titles(inJapanese.body)).toEqual(['返金ポリシー', 'Refund policy'])
  expect(inJapanese.body.items[0].variants).toEqual([{ id: english.body.savedReply.id, language: 'en' }])
  const inEnglish = await bea.client.get('/api/saved-replies?language=en-US&q=refund')
  expect(titles(inEnglish.body)).toEqual(['Refund policy', '返金ポリシー'])
})

test('search finds a reply by a word of its title, shortcut or body, in Japanese too', async () => {
  await setup.api.post('/api/saved-replies', {
    title: '配送の遅れ',
    shortcut: 'chien',
    body: 'ご不便をおかけして申し訳ございません。配送状況を確認いたします。',
    language: 'ja',
    scope: 'workspace',
  })
  const search = async (q: string) => titles((await bea.client.get(`/api/saved-replies?q=${encodeURIComponent(q)}`)).body)
  expect(await search('申し訳')).toEqual(['配送の遅れ'])
  expect(await search('配送状況')).toEqual(['配送の遅れ'])
  expect(await search('遅れ')).toEqual(['配送の遅れ'])
  expect(await search('chi')).toEqual(['配送の遅れ'])
  expect(await search('返品')).toEqual(['返金ポリシー'])
  expect(await search('30 days')).toEqual(['Refund policy'])
  expect(await search('発送済み')).toEqual([])
})

test('the conversation of a ticket puts its language first', async () => {
  const listed = await bea.client.get(`/api/saved-replies?ticketId=${ticketId}&q=refund`)
  expect(listed.status).toBe(200)
  expect(listed.body.language).toBe('ja')
  expect(titles(listed.body)[0]).toBe('返金ポリシー')
  expect((await bea.client.get('/api/saved-replies?ticketId=00000000-0000-4000-8000-000000000000')).status).toBe(404)
})

test('rendering fills contact, agent and ticket variables and leaves the order ones, listed, for later', async () => {
  const made = await setup.api.post('/api/saved-replies', {
    title: 'Where is my order',
    shortcut: 'wismo',
    body: [
      '{{contact.first_name}} ({{contact.name}}, {{contact.email}}, {{contact.phone}}):',
      'ticket #{{ticket.number}} "{{ticket.subject}}"',
      'order {{order.name}} is {{order.status}}: {{order.tracking_url}} {{order.name}}',
      '— {{agent.first_name}} / {{agent.name}}',
    ].join('\n'),
    scope: 'workspace',
  })
  expect(made.status).toBe(201)
  const rendered = await bea.client.post(`/api/tickets/${ticketId}/render-saved-reply`, { savedReplyId: made.body.savedReply.id })
  expect(rendered.status).toBe(200)
  expect(rendered.body.body).toBe(
    [
      `山田 (山田 花子, ${contactEmail}, +819012345678):`,
      `ticket #${ticketNumber} "注文について"`,
      'order {{order.name}} is {{order.status}}: {{order.tracking_url}} {{order.name}}',
      '— Bea / Bea Agent',
    ].join('\n'),
  )
  expect(rendered.body.unresolved).toEqual(['order.name', 'order.status', 'order.tracking_url'])
})

test('rendering counts a use, and the list can put the most used first', async () => {
  const listed = await bea.client.get('/api/saved-replies?q=chien')
  const id = listed.body.items[0].id
  for (let i = 0; i < 2; i++) {
    expect((await bea.client.post(`/api/tickets/${ticketId}/render-saved-reply`, { savedReplyId: id })).status).toBe(200)
  }
  const byUsage = await bea.client.get('/api/saved-replies?sort=usage')
  expect(byUsage.body.items[0]).toMatchObject({ id, usageCount: 2, lastUsedAt: expect.any(String) })
  const recent = await bea.client.get('/api/saved-replies?sort=recent')
  expect(recent.body.items[0].id).toBe(id)
})

test('bad input is a 400 that says what is wrong', async () => {
  const cases: [unknown, string][] = [
    [{ body: 'no title', scope: 'workspace' }, 'title'],
    [{ title: 't', body: 'b', scope: 'everyone' }, 'scope'],
    [{ title: 't', body: '', scope: 'workspace' }, 'body'],
    [{ title: 't', body: 'b', scope: 'team' }, 'teamId'],
    [{ title: 't', body: 'b', scope: 'personal', teamId }, 'teamId'],
    [{ title: 't', body: 'b', scope: 'workspace', language: 'not a language!' }, 'language'],
    [{ title: 't', body: 'b', scope: 'workspace', shortcut: 'two words' }, 'shortcut'],
    [{ title: 't', body: 'b', scope: 'workspace', colour: 'red' }, ''],
  ]
  for (const [input, path] of cases) {
    const answer = await setup.api.post('/api/saved-replies', input)
    expect(answer.status, JSON.stringify(input)).toBe(400)
    expect(answer.body.error.code).toBe('invalid_input')
    if (path) expect(answer.body.error.details.map((d: { path: string }) => d.path)).toContain(path)
  }
  const unknownTeam = await setup.api.post('/api/saved-replies', {
    title: 't',
    body: 'b',
    scope: 'team',
    teamId: '00000000-0000-4000-8000-000000000000',
  })
  expect(unknownTeam.status).toBe(400)
  expect(unknownTeam.body.error.message).toContain('No team')
  expect((await setup.api.get('/api/saved-replies?sort=loudest')).status).toBe(400)
  expect((await setup.api.post(`/api/tickets/${ticketId}/render-saved-reply`, { savedReplyId: 'nope' })).status).toBe(400)
  expect((await setup.api.patch('/api/saved-replies/not-an-id', { title: 'x' })).status).toBe(404)
  expect((await setup.api.patch('/api/saved-replies/00000000-0000-4000-8000-000000000000', { title: 'x' })).status).toBe(404)
})

test('a ticket the agent may not see renders nothing', async () => {
  const reply = (await setup.api.get('/api/saved-replies?q=wismo')).body.items[0]
  const other = await setup.api.post('/api/teams', { name: 'Elsewhere', agentIds: [] })
  expect((await setup.api.patch(`/api/tickets/${ticketId}`, { teamId: other.body.team.id })).status).toBe(200)
  const hidden = await carl.client.post(`/api/tickets/${ticketId}/render-saved-reply`, { savedReplyId: reply.id })
  expect(hidden.status).toBe(404)
  expect(hidden.body.error.code).toBe('not_found')
  expect((await setup.api.patch(`/api/tickets/${ticketId}`, { teamId: null })).status).toBe(200)
})
