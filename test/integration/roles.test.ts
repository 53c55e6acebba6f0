import { beforeAll, describe, expect, test } from 'vitest'
import { type SignedInAgent, signedInAgent } from '../support/agents.ts'
import { createFormChannel } from '../support/form-channel.ts'
import { useTestServer } from '../support/test-server.ts'
import { allTickets, ticketFromForm } from '../support/ticket-lookup.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useTestServer()

test('creates an agent when an setup.api asks, and lists them', async () => {
  const email = uniqueEmail('new-agent')
  const created = await setup.api.post('/api/agents', { email, name: 'Ana', role: 'agent', password: 'long-enough-1' })
  expect(created.status).toBe(201)
  expect(created.body.agent).toMatchObject({ email, name: 'Ana', role: 'agent', teamIds: [] })
  expect(created.body.agent).not.toHaveProperty('password')
  const list = await setup.api.get('/api/agents')
  expect(list.body.items.map((a: any) => a.email)).toContain(email)
  expect(JSON.stringify(list.body)).not.toContain('scrypt')
})

test('refuses a second agent with the same email, in any letter case, with 409', async () => {
  const email = uniqueEmail('twice')
  expect((await setup.api.post('/api/agents', { email, name: 'One', role: 'agent', password: 'long-enough-1' })).status).toBe(201)
  const again = await setup.api.post('/api/agents', {
    email: email.toUpperCase(),
    name: 'Two',
    role: 'agent',
    password: 'x-long-enough',
  })
  expect(again.status).toBe(409)
  expect(again.body.error.code).toBe('conflict')
})

test('refuses to create agents or channels with 403 when the caller has the agent role', async () => {
  const { client } = await signedInAgent(setup.api, 'agent')
  const agent = await client.post('/api/agents', { email: uniqueEmail(), name: 'X', role: 'admin', password: 'long-enough-1' })
  expect(agent.status).toBe(403)
  expect(agent.body.error.code).toBe('forbidden')
  const channel = await client.post('/api/channels', { kind: 'form', name: 'Sneaky', config: {} })
  expect(channel.status).toBe(403)
  expect((await client.post('/api/teams', { name: 'Mine', agentIds: [] })).status).toBe(403)
  expect((await setup.api.get('/api/channels')).body.items.map((c: any) => c.name)).not.toContain('Sneaky')
})

test('refuses teams, calendars and SLA policies to a supervisor with 403: settings are for admins', async () => {
  const { client } = await signedInAgent(setup.api, 'supervisor')
  const member = await signedInAgent(setup.api, 'agent')
  const name = `Billing ${uniqueEmail('team')}`
  const team = await client.post('/api/teams', { name, agentIds: [member.agent.id] })
  expect(team.status).toBe(403)
  expect(team.body.error.code).toBe('forbidden')
  expect((await member.client.get('/api/me')).body.agent.teamIds).toEqual([])
  expect((await setup.api.get('/api/teams')).body.items.map((t: any) => t.name)).not.toContain(name)
  const calendar = await client.post('/api/calendars', {
    name: 'Sneaky hours',
    timeZone: 'Europe/Paris',
    weekly: [{ day: 1, open: '09:00', close: '17:00' }],
    holidays: [],
  })
  expect(calendar.status).toBe(403)
  const policy = await client.post('/api/sla-policies', {
    name: 'Sneaky SLA',
    targets: { firstReplyMinutes: 5 },
  })
  expect(policy.status).toBe(403)
  expect((await setup.api.get('/api/calendars')).body.items.map((c: any) => c.name)).not.toContain('Sneaky hours')
  expect((await setup.api.get('/api/sla-policies')).body.items.map((p: any) => p.name)).not.toContain('Sneaky SLA')
  expect((await client.post('/api/channels', { kind: 'form', name: 'No', config: {} })).status).toBe(403)
  // Reading them stays open to everyone.
  for (const path of ['/api/teams', '/api/calendars', '/api/sla-policies']) expect((await client.get(path)).status).toBe(200)
  const admin = await setup.api.post('/api/teams', { name, agentIds: [member.agent.id] })
  expect(admin.status).toBe(201)
  expect((await member.client.get('/api/me')).body.agent.teamIds).toEqual([admin.body.team.id])
})

test('refuses a team naming an unknown agent with 400', async () => {
  const response = await setup.api.post('/api/teams', { name: 'Ghosts', agentIds: ['00000000-0000-4000-8000-000000000000'] })
  expect(response.status).toBe(400)
  expect(response.body.error.code).toBe('invalid_input')
})

describe('ticket visibility', () => {
  let agent: SignedInAgent
  let supervisor: SignedInAgent
  let tickets: Record<'noTeam' | 'myTeam' | 'otherTeam' | 'otherTeamAssignedToMe', any>

  beforeAll(async () => {
    agent = await signedInAgent(setup.api, 'agent', 'Visible Vera')
    supervisor = await signedInAgent(setup.api, 'supervisor')
    const other = await signedInAgent(setup.api, 'agent')
    const mine = (await setup.api.post('/api/teams', { name: 'Mine', agentIds: [agent.agent.id] })).body.team
    const theirs = (await setup.api.post('/api/teams', { name: 'Theirs', agentIds: [other.agent.id] })).body.team
    const channelId = await createFormChannel(setup.api, 'Visibility')
    const open = (message: string) => ticketFromForm(setup.api, channelId, { name: 'C', email: uniqueEmail(), message })
    tickets = {
      noTeam: await open('no team'),
      myTeam: await open('my team'),
      otherTeam: await open('other team'),
      otherTeamAssignedToMe: await open('other team, mine'),
    }
    await setup.api.patch(`/api/tickets/${tickets.myTeam.id}`, { teamId: mine.id })
    await setup.api.patch(`/api/tickets/${tickets.otherTeam.id}`, { teamId: theirs.id })
    await setup.api.patch(`/api/tickets/${tickets.otherTeamAssignedToMe.id}`, { teamId: theirs.id, assigneeId: agent.agent.id })
  })

  test('lists for an agent the tickets assigned to them, of their teams and of no team, but not of another team', async () => {
    const ids = (await allTickets(agent.client)).map((t) => t.id)
    expect(ids).toContain(tickets.noTeam.id)
    expect(ids).toContain(tickets.myTeam.id)
    expect(ids).toContain(tickets.otherTeamAssignedToMe.id)
    expect(ids).not.toContain(tickets.otherTeam.id)
    const byContact = await allTickets(agent.client, `contactId=${tickets.otherTeam.contactId}`)
    expect(byContact).toEqual([])
  })

  test('answers 404 to an agent for the detail, a change or a note of another team’s ticket', async () => {
    const path = `/api/tickets/${tickets.otherTeam.id}`
    const detail = await agent.client.get(path)
    expect(detail.status).toBe(404)
    expect(detail.body.error.code).toBe('not_found')
    expect((await agent.client.patch(path, { status: 'resolved' })).status).toBe(404)
    expect((await agent.client.post(`${path}/notes`, { body: 'peek' })).status).toBe(404)
    const unchanged = await setup.api.get(path)
    expect(unchanged.body.ticket.status).toBe('open')
    expect(unchanged.body.messages.filter((m: any) => m.kind === 'note')).toEqual([])
    expect((await agent.client.get(`/api/tickets/${tickets.myTeam.id}`)).status).toBe(200)
  })

  test('hides from an agent the profile of a customer whose only ticket is another team’s', async () => {
    const profile = await agent.client.get(`/api/contacts/${tickets.otherTeam.contactId}`)
    expect(profile.status).toBe(404)
    expect(JSON.stringify(profile.body)).not.toContain(tickets.otherTeam.id)
    const adminProfile = await setup.api.get(`/api/contacts/${tickets.otherTeam.contactId}`)
    expect(adminProfile.body.tickets.map((t: any) => t.id)).toEqual([tickets.otherTeam.id])
  })

  test('lists every ticket for an setup.api and a supervisor', async () => {
    for (const client of [setup.api, supervisor.client]) {
      const ids = (await allTickets(client)).map((t) => t.id)
      expect(ids).toEqual(expect.arrayContaining(Object.values(tickets).map((t) => t.id)))
      expect((await client.get(`/api/tickets/${tickets.otherTeam.id}`)).status).toBe(200)
    }
  })
})
