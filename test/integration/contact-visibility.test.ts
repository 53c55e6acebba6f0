// Contacts follow ticket visibility: an agent sees a customer's profile only through a ticket they may see,
// and may change a profile (merge, unmerge, an identity) only when they may see every ticket it touches,
// so nobody can pull another team's customer, or their replies, onto an address they control.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, test } from 'vitest'
import { type SignedInAgent, signedInAgent } from '../support/agents.ts'
import { createFormChannel } from '../support/form-channel.ts'
import { kindsAndValues } from '../support/identity-values.ts'
import { useTestServer } from '../support/test-server.ts'
import { ticketFromForm } from '../support/ticket-lookup.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useTestServer()

let agent: SignedInAgent
let supervisor: SignedInAgent
let channelId: string
/** A second form: one customer's second ticket (the same form would thread into the first). */
let secondChannelId: string
let myTeamId: string
let otherTeamId: string

beforeAll(async () => {
  agent = await signedInAgent(setup.api, 'agent', 'Curious Carl')
  supervisor = await signedInAgent(setup.api, 'supervisor')
  const other = await signedInAgent(setup.api, 'agent')
  myTeamId = (await setup.api.post('/api/teams', { name: 'Carl’s', agentIds: [agent.agent.id] })).body.team.id
  otherTeamId = (await setup.api.post('/api/teams', { name: 'Others', agentIds: [other.agent.id] })).body.team.id
  channelId = await createFormChannel(setup.api)
  secondChannelId = await createFormChannel(setup.api, 'Second form')
})

/** A customer writes; their ticket goes to the team given (null: the shared queue). */
async function customer(
  teamId: string | null,
  fields: { name?: string; email?: string; phone?: string; secondForm?: boolean } = {},
) {
  const email = fields.email ?? uniqueEmail('c')
  const ticket = await ticketFromForm(setup.api, fields.secondForm ? secondChannelId : channelId, {
    name: fields.name ?? `Customer ${randomUUID().slice(0, 6)}`,
    email,
    phone: fields.phone,
    message: `question ${randomUUID()}`,
  })
  if (teamId) expect((await setup.api.patch(`/api/tickets/${ticket.id}`, { teamId })).status).toBe(200)
  return { contactId: ticket.contactId as string, ticketId: ticket.id as string, email }
}

const listedBy = async (client: SignedInAgent['client'], q = '') =>
  (await client.get(`/api/contacts?limit=200${q ? `&q=${encodeURIComponent(q)}` : ''}`)).body.items.map((c: any) => c.id)

describe('seeing contacts', () => {
  test('lists and finds for an agent the customers of tickets they may see, and no other', async () => {
    const mine = await customer(myTeamId, { name: 'Mina Visible' })
    const shared = await customer(null, { name: 'Sami Shared' })
    const hidden = await customer(otherTeamId, { name: 'Hedda Hidden', phone: '+44 20 7946 0958' })
    const listed = await listedBy(agent.client)
    expect(listed).toEqual(expect.arrayContaining([mine.contactId, shared.contactId]))
    expect(listed).not.toContain(hidden.contactId)
    expect(await listedBy(agent.client, 'Hedda')).toEqual([])
    expect(await listedBy(agent.client, hidden.email)).toEqual([])
    expect(await listedBy(agent.client, '2079460958')).toEqual([])
    for (const client of [setup.api, supervisor.client]) {
      expect(await listedBy(client, 'Hedda')).toEqual([hidden.contactId])
    }
  })

  test('answers 404 to an agent for the profile of another team’s customer, with nothing of it', async () => {
    const hidden = await customer(otherTeamId, { name: 'Olga Other' })
    const profile = await agent.client.get(`/api/contacts/${hidden.contactId}`)
    expect(profile.status).toBe(404)
    const body = JSON.stringify(profile.body)
    for (const secret of ['Olga', hidden.email, hidden.ticketId]) expect(body).not.toContain(secret)
    expect((await supervisor.client.get(`/api/contacts/${hidden.contactId}`)).status).toBe(200)
  })

  test('shows a customer with tickets in two teams, with only the agent’s own tickets', async () => {
    const email = uniqueEmail('both')
    const mine = await customer(myTeamId, { email })
    const theirs = await customer(otherTeamId, { email, secondForm: true })
    expect(theirs.contactId).toBe(mine.contactId)
    const profile = await agent.client.get(`/api/contacts/${mine.contactId}`)
    expect(profile.status).toBe(200)
    expect(profile.body.tickets.map((t: any) => t.id)).toEqual([mine.ticketId])
  })
})

describe('changing contacts', () => {
  test('refuses an agent merging another team’s customer into their own, either way round, and moves nothing', async () => {
    const mine = await customer(myTeamId)
    const victim = await customer(otherTeamId)
    for (const [target, source] of [
      [mine.contactId, victim.contactId],
      [victim.contactId, mine.contactId],
    ]) {
      const merge = await agent.client.post(`/api/contacts/${target}/merge`, { sourceId: source })
      expect(merge.status).toBe(404)
      expect(merge.body.error.code).toBe('not_found')
    }
    const victimProfile = await setup.api.get(`/api/contacts/${victim.contactId}`)
    expect(victimProfile.body.tickets.map((t: any) => t.id)).toEqual([victim.ticketId])
    expect(kindsAndValues(victimProfile.body.identities)).toEqual([{ kind: 'email', value: victim.email }])
  })

  test('refuses an agent adding their address to another team’s customer', async () => {
    const victim = await customer(otherTeamId)
    const added = await agent.client.post(`/api/contacts/${victim.contactId}/identities`, {
      kind: 'email',
      value: uniqueEmail('attacker'),
    })
    expect(added.status).toBe(404)
    expect(kindsAndValues((await setup.api.get(`/api/contacts/${victim.contactId}`)).body.identities)).toEqual([
      { kind: 'email', value: victim.email },
    ])
  })

  test('refuses an agent changing a customer who also has another team’s ticket', async () => {
    const email = uniqueEmail('split')
    const mine = await customer(myTeamId, { email })
    await customer(otherTeamId, { email, secondForm: true })
    const other = await customer(myTeamId)
    expect(
      (await agent.client.post(`/api/contacts/${mine.contactId}/identities`, { kind: 'email', value: uniqueEmail() })).status,
    ).toBe(404)
    expect((await agent.client.post(`/api/contacts/${other.contactId}/merge`, { sourceId: mine.contactId })).status).toBe(404)
    expect((await agent.client.post(`/api/contacts/${mine.contactId}/merge`, { sourceId: other.contactId })).status).toBe(404)
  })

  test('does not name a hidden customer holding an identity an agent tries to add', async () => {
    const mine = await customer(myTeamId)
    const hidden = await customer(otherTeamId)
    const taken = await agent.client.post(`/api/contacts/${mine.contactId}/identities`, { kind: 'email', value: hidden.email })
    expect(taken.status).toBe(409)
    expect(JSON.stringify(taken.body)).not.toContain(hidden.contactId)
    const asAdmin = await setup.api.post(`/api/contacts/${mine.contactId}/identities`, { kind: 'email', value: hidden.email })
    expect(asAdmin.body.error.details).toEqual({ contactId: hidden.contactId })
  })

  test('lets an agent merge, add to and unmerge customers whose tickets they all see', async () => {
    const target = await customer(myTeamId)
    const source = await customer(null)
    const merged = await agent.client.post(`/api/contacts/${target.contactId}/merge`, { sourceId: source.contactId })
    expect(merged.status).toBe(200)
    const address = uniqueEmail('given')
    expect(
      (await agent.client.post(`/api/contacts/${target.contactId}/identities`, { kind: 'email', value: address })).status,
    ).toBe(201)
    expect((await agent.client.post(`/api/contacts/${source.contactId}/unmerge`)).status).toBe(200)
  })

  test('refuses an agent undoing a merge whose profile now holds another team’s ticket', async () => {
    const target = await customer(myTeamId)
    const source = await customer(myTeamId)
    expect((await agent.client.post(`/api/contacts/${target.contactId}/merge`, { sourceId: source.contactId })).status).toBe(200)
    await setup.api.patch(`/api/tickets/${source.ticketId}`, { teamId: otherTeamId })
    expect((await agent.client.post(`/api/contacts/${source.contactId}/unmerge`)).status).toBe(404)
    expect((await supervisor.client.post(`/api/contacts/${source.contactId}/unmerge`)).status).toBe(200)
  })

  test('lets a supervisor merge customers of any team', async () => {
    const one = await customer(myTeamId)
    const two = await customer(otherTeamId)
    expect((await supervisor.client.post(`/api/contacts/${one.contactId}/merge`, { sourceId: two.contactId })).status).toBe(200)
  })
})
