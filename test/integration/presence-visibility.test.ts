// Presence is for every agent now (the inbox rows show who is on a ticket), but never beyond their sight:
// an agent hears of the tickets they may see only, once and on the live stream.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { signedInAgent } from '../support/agents.ts'
import { type CollabClient, openCollab } from '../support/collab-client.ts'
import { eventually } from '../support/eventually.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { useTestServer } from '../support/test-server.ts'

const setup = useTestServer()
const open: CollabClient[] = []
let shared: string
let otherTeams: string

beforeAll(async () => {
  const formId = await createFormChannel(setup.api)
  for (const [email, message] of [
    ['shared@example.com', 'shared queue question'],
    ['billing@example.com', 'billing team question'],
  ] as const) {
    await submitForm(setup.server.url, formId, { name: 'Customer', email, message })
  }
  shared = (await setup.api.get('/api/tickets?q=shared')).body.items[0].id
  otherTeams = (await setup.api.get('/api/tickets?q=billing')).body.items[0].id
  const team = await setup.api.post('/api/teams', { name: 'Billing' })
  expect((await setup.api.patch(`/api/tickets/${otherTeams}`, { teamId: team.body.team.id })).status).toBe(200)
  // The admin is on both tickets.
  const me = (await setup.api.get('/api/me')).body.agent
  for (const ticketId of [shared, otherTeams]) {
    const client = openCollab(setup.server.url, ticketId, { cookie: setup.api.cookie! })
    open.push(client)
    await client.synced
    client.provider.awareness.setLocalState({ user: { id: me.id, name: me.name, color: '#00f' }, typing: false })
  }
  await eventually(async () => expect((await setup.api.get('/api/presence')).body.tickets).toHaveLength(2))
})
afterAll(() => {
  for (const client of open) client.close()
})

test('an agent sees who is on the tickets they may see, and nothing of the others', async () => {
  const agent = await signedInAgent(setup.api, 'agent', 'Outside Billing')
  const answer = await agent.client.get('/api/presence')
  expect(answer.status).toBe(200)
  expect(answer.body.tickets.map((t: { ticketId: string }) => t.ticketId)).toEqual([shared])

  const stream = await fetch(`${setup.server.url}/api/presence/stream`, { headers: { cookie: agent.client.cookie! } })
  expect(stream.status).toBe(200)
  const reader = stream.body!.getReader()
  let text = ''
  while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value)
  await reader.cancel()
  const first = JSON.parse(/^data: (.*)$/m.exec(text)![1]!)
  expect(first.tickets.map((t: { ticketId: string }) => t.ticketId)).toEqual([shared])

  const supervisor = await signedInAgent(setup.api, 'supervisor', 'Sue Pervisor')
  const all = (await supervisor.client.get('/api/presence')).body.tickets.map((t: { ticketId: string }) => t.ticketId)
  expect(all.sort()).toEqual([shared, otherTeams].sort())
})
