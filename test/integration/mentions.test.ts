// @mentions in internal notes: the mentioned colleague is notified, pointing at the ticket.
import { beforeAll, expect, test } from 'vitest'
import { signedInAgent } from '../support/agents.ts'
import { ApiClient } from '../support/api-client.ts'
import { eventually } from '../support/eventually.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { useTestServer } from '../support/test-server.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useTestServer()

let ticketId: string

beforeAll(async () => {
  const channelId = await createFormChannel(setup.api)
  await submitForm(setup.server.url, channelId, { name: 'Ana', email: uniqueEmail('mention'), message: 'mention me please' })
  ticketId = await eventually(async () => {
    const found = await setup.api.get(`/api/tickets?q=${encodeURIComponent('mention me')}`)
    expect(found.body.items).toHaveLength(1)
    return found.body.items[0].id
  })
})

test('a mentioned colleague is notified with the note and the ticket', async () => {
  const bea = await signedInAgent(setup.api, 'agent', 'Bea')
  const told = await setup.api.post(`/api/tickets/${ticketId}/mentions`, {
    agentIds: [bea.agent.id],
    body: '@Bea can you check stock?',
  })
  expect(told.status).toBe(201)
  expect(told.body.notified).toEqual([bea.agent.id])
  const inbox = await bea.client.get('/api/notifications?unread=true')
  expect(inbox.body.items).toEqual([
    expect.objectContaining({ kind: 'mention', ticketId, body: expect.stringContaining('@Bea can you check stock?') }),
  ])
})

test('refuses agents of no workspace and tickets the mentioner may not see', async () => {
  const unknown = await setup.api.post(`/api/tickets/${ticketId}/mentions`, {
    agentIds: ['00000000-0000-4000-8000-000000000000'],
    body: 'hi',
  })
  expect(unknown.status).toBe(400)
  const other = await setup.api.post('/api/tickets/00000000-0000-4000-8000-000000000000/mentions', { agentIds: [], body: 'hi' })
  expect(other.status).toBe(400)
  expect(
    (await new ApiClient(setup.server.url).post(`/api/tickets/${ticketId}/mentions`, { agentIds: [], body: 'x' })).status,
  ).toBe(401)
})

test('refuses to mention a colleague who may not see the ticket, naming them, and tells nobody', async () => {
  const outsider = await signedInAgent(setup.api, 'agent', 'Olaf Outsider')
  const insider = await signedInAgent(setup.api, 'agent', 'Ines Insider')
  const team = await setup.api.post('/api/teams', { name: `Private ${uniqueEmail('team')}`, agentIds: [insider.agent.id] })
  expect((await setup.api.patch(`/api/tickets/${ticketId}`, { teamId: team.body.team.id })).status).toBe(200)
  const secret = `the refund code is ${uniqueEmail('secret')}`
  const told = await setup.api.post(`/api/tickets/${ticketId}/mentions`, {
    agentIds: [insider.agent.id, outsider.agent.id],
    body: `@Ines @Olaf ${secret}`,
  })
  expect(told.status).toBe(400)
  expect(told.body.error.code).toBe('invalid_input')
  expect(told.body.error.message).toContain('Olaf Outsider')
  expect(told.body.error.details).toEqual({ cannotSee: [outsider.agent.id] })
  for (const agent of [outsider, insider]) {
    expect(JSON.stringify((await agent.client.get('/api/notifications')).body)).not.toContain(secret)
  }
  const insiderOnly = await setup.api.post(`/api/tickets/${ticketId}/mentions`, { agentIds: [insider.agent.id], body: secret })
  expect(insiderOnly.status).toBe(201)
  expect(insiderOnly.body.notified).toEqual([insider.agent.id])
})
