// Reply guidelines over REST on a real server: everyone reads them; only admins change them, for the
// workspace and per channel ('' clears); too long a text, an unknown channel or an empty request is a 400;
// each change is audited.
import { and, eq } from 'drizzle-orm'
import { beforeAll, expect, test } from 'vitest'
import { auditLog } from '../../server/db/schema/audit-log.ts'
import { maxGuidelinesLength } from '../../shared/schema/guidelines.ts'
import { signedInAgent } from '../support/agents.ts'
import { createFormChannel } from '../support/form-channel.ts'
import { useTestServer } from '../support/test-server.ts'

const setup = useTestServer()
let website: string
let shop: string

beforeAll(async () => {
  website = await createFormChannel(setup.api, 'Website')
  shop = await createFormChannel(setup.api, 'Shop form')
})

test('none at first; an admin sets the workspace’s and a channel’s, and everyone reads them', async () => {
  expect((await setup.api.get('/api/guidelines')).body).toEqual({ workspace: '', channels: {} })
  const put = await setup.api.put('/api/guidelines', {
    workspace: '  Be warm and brief. Sign with your first name.  ',
    channels: { [website]: 'Formal: we write “Sie” to German customers.' },
  })
  expect(put.status).toBe(200)
  expect(put.body).toEqual({
    workspace: 'Be warm and brief. Sign with your first name.',
    channels: { [website]: 'Formal: we write “Sie” to German customers.' },
  })
  const agent = await signedInAgent(setup.api, 'agent')
  expect((await agent.client.get('/api/guidelines')).body).toEqual(put.body)

  // Only what is named changes; '' clears.
  const more = await setup.api.put('/api/guidelines', { channels: { [shop]: 'Mention the return window.' } })
  expect(more.body.channels).toEqual({
    [website]: 'Formal: we write “Sie” to German customers.',
    [shop]: 'Mention the return window.',
  })
  expect(more.body.workspace).toBe('Be warm and brief. Sign with your first name.')
  const cleared = await setup.api.put('/api/guidelines', { channels: { [website]: '' } })
  expect(cleared.body.channels).toEqual({ [shop]: 'Mention the return window.' })
})

test('agents and supervisors may not change them', async () => {
  for (const role of ['agent', 'supervisor'] as const) {
    const someone = await signedInAgent(setup.api, role)
    const refused = await someone.client.put('/api/guidelines', { workspace: 'Shout at customers.' })
    expect(refused.status, role).toBe(403)
    expect(refused.body.error.code).toBe('forbidden')
  }
  expect((await setup.api.get('/api/guidelines')).body.workspace).not.toContain('Shout')
})

test('too long a text, an unknown channel, a bad id or an empty request is a 400 naming the problem', async () => {
  const long = await setup.api.put('/api/guidelines', { workspace: 'x'.repeat(maxGuidelinesLength + 1) })
  expect(long.status).toBe(400)
  expect(long.body.error).toMatchObject({ code: 'invalid_input', details: [expect.objectContaining({ path: 'workspace' })] })
  expect(long.body.error.message).toContain(String(maxGuidelinesLength))
  expect((await setup.api.put('/api/guidelines', { workspace: 'x'.repeat(maxGuidelinesLength) })).status).toBe(200)

  const unknown = '00000000-0000-4000-8000-000000000000'
  const missing = await setup.api.put('/api/guidelines', { channels: { [unknown]: 'Hello' } })
  expect(missing.status).toBe(400)
  expect(missing.body.error.details).toEqual([{ path: `channels.${unknown}`, message: 'No such channel' }])
  expect((await setup.api.put('/api/guidelines', { channels: { 'not-an-id': 'Hello' } })).status).toBe(400)
  expect((await setup.api.put('/api/guidelines', {})).status).toBe(400)
  expect((await setup.api.put('/api/guidelines', { workspace: 'ok', extra: true })).status).toBe(400)
})

test('each change is audited with what it was and what it became', async () => {
  await setup.api.put('/api/guidelines', { channels: { [shop]: 'Offer a call for big orders.' } })
  const rows = await setup.server
    .database!.db.select({ data: auditLog.data })
    .from(auditLog)
    .where(and(eq(auditLog.entityId, shop), eq(auditLog.action, 'channel.guidelines_changed')))
  expect(rows.map((r) => r.data)).toContainEqual({ from: 'Mention the return window.', to: 'Offer a call for big orders.' })
  const workspaceRows = await setup.server
    .database!.db.select({ data: auditLog.data })
    .from(auditLog)
    .where(eq(auditLog.action, 'workspace.guidelines_changed'))
  expect(workspaceRows.map((r) => r.data)).toContainEqual({ from: '', to: 'Be warm and brief. Sign with your first name.' })
})
