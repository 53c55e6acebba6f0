import { expect, test } from 'vitest'
import { ApiClient } from '../support/api-client.ts'
import { queryServerDatabase } from '../support/server-database.ts'
import { useTestServer } from '../support/test-server.ts'

const setup = useTestServer()

const pageToken = 'EAAG-page-token-SECRET-1f2e3d'
const igToken = 'IGQV-instagram-token-SECRET-4c5b6a'
const waToken = 'EAAW-whatsapp-token-SECRET-7d8e9f'

const kinds = [
  { kind: 'messenger', config: { pageId: '1001', pageAccessToken: pageToken }, secrets: ['pageAccessToken'] },
  { kind: 'instagram', config: { igUserId: '1780', pageId: '1002', accessToken: igToken }, secrets: ['accessToken'] },
  {
    kind: 'whatsapp',
    config: { phoneNumberId: '1093', businessAccountId: '2200', accessToken: waToken, displayPhoneNumber: '+1 555 0100' },
    secrets: ['accessToken'],
  },
  { kind: 'email', config: { address: 'Support@Example.com', fromName: 'Support' }, secrets: [] },
  { kind: 'chat', config: {}, secrets: [] },
  { kind: 'form', config: { welcomeMessage: 'Thanks for writing!' }, secrets: [] },
] as const
const secretValues = [pageToken, igToken, waToken]

test.each(kinds)(
  'creates a $kind channel with its config and without returning its secrets',
  async ({ kind, config, secrets }) => {
    const created = await setup.api.post('/api/channels', { kind, name: `My ${kind}`, config })
    expect(created.status).toBe(201)
    const { channel } = created.body
    expect(channel).toMatchObject({ kind, name: `My ${kind}`, secretsSet: [...secrets] })
    const publicConfig: Record<string, unknown> = Object.fromEntries(
      Object.entries(config).filter(([key]) => !secrets.includes(key as never)),
    )
    if (kind === 'email') publicConfig.address = 'support@example.com'
    expect(channel.config).toEqual(publicConfig)
    for (const secret of secretValues) expect(JSON.stringify(created.body)).not.toContain(secret)
    if (kind === 'form') expect(channel.webhookUrl).toMatch(new RegExp(`/webhooks/form/${channel.id}$`))
  },
)

test('never returns a secret in the channel list, but names the secrets that are set', async () => {
  const list = await setup.api.get('/api/channels')
  expect(list.status).toBe(200)
  for (const secret of secretValues) expect(JSON.stringify(list.body)).not.toContain(secret)
  const messenger = list.body.items.find((c: any) => c.kind === 'messenger')
  expect(messenger.secretsSet).toEqual(['pageAccessToken'])
  expect(messenger.config).toEqual({ pageId: '1001' })
})

test('refuses a config without its pageId with 400 invalid_input and details', async () => {
  const response = await setup.api.post('/api/channels', { kind: 'messenger', name: 'No page', config: { pageAccessToken: 'x' } })
  expect(response.status).toBe(400)
  expect(response.body.error.code).toBe('invalid_input')
  expect(response.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'config.pageId' })]))
})

test('refuses an unknown kind with 400 invalid_input and details', async () => {
  const response = await setup.api.post('/api/channels', { kind: 'telegram', name: 'Nope', config: {} })
  expect(response.status).toBe(400)
  expect(response.body.error.code).toBe('invalid_input')
  expect(response.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'kind' })]))
  expect((await setup.api.get('/api/channels')).body.items.map((c: any) => c.name)).not.toContain('Nope')
})

test('refuses a second channel with the same pageId or phoneNumberId with 409', async () => {
  const page = await setup.api.post('/api/channels', {
    kind: 'messenger',
    name: 'Same page',
    config: { pageId: '1001', pageAccessToken: 'other' },
  })
  expect(page.status).toBe(409)
  expect(page.body.error.code).toBe('conflict')
  const phone = await setup.api.post('/api/channels', {
    kind: 'whatsapp',
    name: 'Same number',
    config: { phoneNumberId: '1093', businessAccountId: '9', accessToken: 'other', displayPhoneNumber: '+1 555 0101' },
  })
  expect(phone.status).toBe(409)
  const names = (await setup.api.get('/api/channels')).body.items.map((c: any) => c.name)
  expect(names).not.toContain('Same page')
  expect(names).not.toContain('Same number')
})

test('creates only one of several channels with the same pageId posted at once', async () => {
  for (const pageId of ['4242', '4343', '4444']) {
    const config = { pageId, pageAccessToken: 'token' }
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => setup.api.post('/api/channels', { kind: 'messenger', name: `Race ${i}`, config })),
    )
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409])
    const list = (await setup.api.get('/api/channels')).body.items
    expect(list.filter((c: any) => c.config.pageId === pageId)).toHaveLength(1)
  }
})

test('an setup.api changes a channel’s name, away message and business hours; its secrets and routing stay', async () => {
  const created = await setup.api.post('/api/channels', {
    kind: 'messenger',
    name: 'Page to edit',
    config: { pageId: '5005', pageAccessToken: pageToken, welcomeMessage: 'Hi!' },
  })
  const id = created.body.channel.id
  const calendar = await setup.api.post('/api/calendars', {
    name: 'Office',
    timeZone: 'Europe/Paris',
    weekly: [{ day: 1, open: '09:00', close: '17:00' }],
  })
  const changed = await setup.api.patch(`/api/channels/${id}`, {
    name: 'Edited page',
    awayMessage: 'We are closed; we answer at 9.',
    welcomeMessage: null,
    calendarId: calendar.body.calendar.id,
  })
  expect(changed.status).toBe(200)
  expect(changed.body.channel).toMatchObject({
    name: 'Edited page',
    config: { pageId: '5005', awayMessage: 'We are closed; we answer at 9.', calendarId: calendar.body.calendar.id },
    secretsSet: ['pageAccessToken'],
  })
  expect(changed.body.channel.config.welcomeMessage).toBeUndefined()

  const bad = [
    await setup.api.patch(`/api/channels/${id}`, { calendarId: '00000000-0000-7000-8000-000000000000' }),
    await setup.api.patch(`/api/channels/${id}`, { pageId: '6006' }),
    await setup.api.patch(`/api/channels/${id}`, {}),
  ]
  expect(bad.map((r) => r.status)).toEqual([400, 400, 400])
  expect((await setup.api.patch('/api/channels/00000000-0000-7000-8000-000000000000', { name: 'x' })).status).toBe(404)
  const agent = await setup.api.post('/api/agents', {
    email: 'chan-agent@example.com',
    name: 'A',
    role: 'agent',
    password: 'agent-password-1',
  })
  expect(agent.status).toBe(201)
  const asAgent = await new ApiClient(setup.server.url).login('chan-agent@example.com', 'agent-password-1')
  expect((await asAgent.patch(`/api/channels/${id}`, { name: 'mine' })).status).toBe(403)
  const listed = (await setup.api.get('/api/channels')).body.items.find((c: { id: string }) => c.id === id)
  expect(listed.name).toBe('Edited page')
})

// Last in the file: on PGlite the setup.server has to stop so that this process can open its data directory.
test('stores the secrets encrypted, in no readable column or audit entry', async () => {
  if (!setup.server.env.DATABASE_URL) await setup.server.stop()
  const rows = await queryServerDatabase<{ config: unknown; secrets: string | null }>(
    setup.server,
    `select config, secrets from channels where kind in ('messenger', 'instagram', 'whatsapp') order by created_at`,
  )
  const audit = await queryServerDatabase(setup.server, 'select data from audit_log')
  if (!setup.server.env.DATABASE_URL) setup.server = await setup.server.restart()
  expect(rows.length).toBeGreaterThanOrEqual(3)
  for (const row of rows) expect(row.secrets).toMatch(/^v1\./)
  const stored = JSON.stringify([rows, audit])
  for (const secret of secretValues) {
    expect(stored).not.toContain(secret)
    expect(stored).not.toContain(Buffer.from(secret).toString('base64'))
  }
  const list = await new ApiClient(setup.server.url).login().then((client) => client.get('/api/channels'))
  expect(list.body.items.find((c: any) => c.kind === 'whatsapp').secretsSet).toEqual(['accessToken'])
})
