// The audit log as the app reads it: a ticket's (a status changed by hand, by a rule, by a macro, each
// naming who and through what) and a contact's (identities added and removed, a merge and its undoing),
// newest first and paged; each only for those who may see the ticket or the contact.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, test } from 'vitest'
import { type SignedInAgent, signedInAgent } from '../support/agents.ts'
import { eventually } from '../support/eventually.ts'
import { createFormChannel } from '../support/form-channel.ts'
import { useTestServer } from '../support/test-server.ts'
import { ticketFromForm } from '../support/ticket-lookup.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useTestServer()

let channelId: string
let secondChannelId: string
let insider: SignedInAgent
let outsider: SignedInAgent
let teamId: string
let adminId: string

beforeAll(async () => {
  channelId = await createFormChannel(setup.api)
  secondChannelId = await createFormChannel(setup.api, 'Second form')
  insider = await signedInAgent(setup.api, 'agent', 'Inge Insider')
  outsider = await signedInAgent(setup.api, 'agent', 'Otto Outsider')
  teamId = (await setup.api.post('/api/teams', { name: 'Audit team', agentIds: [insider.agent.id] })).body.team.id
  await setup.api.post('/api/teams', { name: 'Other audit team', agentIds: [outsider.agent.id] })
  adminId = (await setup.api.get('/api/me')).body.agent.id
})

async function customer(message = `question ${randomUUID()}`, second = false) {
  const email = uniqueEmail('audit')
  const ticket = await ticketFromForm(setup.api, second ? secondChannelId : channelId, { name: 'Aud Itor', email, message })
  return { ticketId: ticket.id as string, contactId: ticket.contactId as string, email }
}

const ticketAudit = async (id: string, client = setup.api) => client.get(`/api/tickets/${id}/audit`)
const contactAudit = async (id: string, client = setup.api) => client.get(`/api/contacts/${id}/audit`)

describe('a ticket’s audit', () => {
  test('names the agent of a change by hand, with the status before and after', async () => {
    const { ticketId } = await customer()
    expect((await setup.api.patch(`/api/tickets/${ticketId}`, { status: 'pending' })).status).toBe(200)
    const audit = await ticketAudit(ticketId)
    expect(audit.status).toBe(200)
    const change = audit.body.items.find((i: any) => i.action === 'ticket.status_changed')
    expect(change).toMatchObject({
      actor: { type: 'agent', id: adminId },
      via: null,
      before: 'open',
      after: 'pending',
    })
    expect(typeof change.actor.name).toBe('string')
    expect(Date.parse(change.at)).not.toBeNaN()
  })

  test('names the rule of a change a rule made, by the system', async () => {
    const marker = `rulemark${randomUUID().slice(0, 6)}`
    const rule = await setup.api.post('/api/rules', {
      name: `Park ${marker}`,
      event: 'ticket_created',
      conditions: { all: [{ field: 'text', op: 'contains', value: marker }] },
      actions: [{ type: 'set_status', status: 'pending' }],
    })
    expect(rule.status).toBe(201)
    const { ticketId } = await customer(`please help ${marker}`)
    const change = await eventually(async () => {
      const found = (await ticketAudit(ticketId)).body.items.find((i: any) => i.action === 'ticket.status_changed')
      expect(found).toBeDefined()
      return found
    })
    expect(change).toMatchObject({
      actor: { type: 'system' },
      via: { kind: 'rule', id: rule.body.rule.id, name: `Park ${marker}` },
      before: 'open',
      after: 'pending',
    })
  })

  test('names the agent and the macro of a change a macro made', async () => {
    const { ticketId } = await customer()
    const macro = await setup.api.post('/api/macros', {
      name: 'Escalate and park',
      actions: [
        { type: 'set_status', status: 'pending' },
        { type: 'set_priority', priority: 'urgent' },
      ],
    })
    expect(macro.status).toBe(201)
    const run = await setup.api.post(`/api/macros/${macro.body.macro.id}/run`, { ticketIds: [ticketId] })
    expect(run.body.results[0].ok).toBe(true)
    const items = (await ticketAudit(ticketId)).body.items
    const via = { kind: 'macro', id: macro.body.macro.id, name: 'Escalate and park' }
    expect(items.find((i: any) => i.action === 'ticket.status_changed')).toMatchObject({
      actor: { type: 'agent', id: adminId },
      via,
      before: 'open',
      after: 'pending',
    })
    expect(items.find((i: any) => i.action === 'ticket.priority_changed')).toMatchObject({ via, after: 'urgent' })
    // The macro's name is not left in the row's details: it is in `via`.
    expect(items.every((i: any) => !('macroName' in i.details))).toBe(true)
  })

  test('is newest first and paged by cursor', async () => {
    const { ticketId } = await customer()
    for (const status of ['pending', 'open', 'pending', 'resolved'] as const)
      expect((await setup.api.patch(`/api/tickets/${ticketId}`, { status })).status).toBe(200)
    const all = (await ticketAudit(ticketId)).body.items
    const times = all.map((i: any) => Date.parse(i.at))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(all[0]).toMatchObject({ action: 'ticket.status_changed', before: 'pending', after: 'resolved' })
    const first = await setup.api.get(`/api/tickets/${ticketId}/audit?limit=2`)
    expect(first.body.items).toEqual(all.slice(0, 2))
    expect(first.body.nextCursor).toEqual(expect.any(String))
    const second = await setup.api.get(`/api/tickets/${ticketId}/audit?limit=200&cursor=${first.body.nextCursor}`)
    expect(second.body.items).toEqual(all.slice(2))
    expect(second.body.nextCursor).toBeNull()
    const badCursor = await setup.api.get(`/api/tickets/${ticketId}/audit?cursor=nonsense`)
    expect(badCursor.status).toBe(400)
    expect(badCursor.body.error.code).toBe('invalid_input')
    expect((await setup.api.get(`/api/tickets/${ticketId}/audit?limit=201`)).status).toBe(400)
  })

  test('is only for those who may see the ticket: 404 otherwise, and for a bad id', async () => {
    const { ticketId } = await customer()
    expect((await setup.api.patch(`/api/tickets/${ticketId}`, { teamId })).status).toBe(200)
    expect((await ticketAudit(ticketId, insider.client)).status).toBe(200)
    const hidden = await ticketAudit(ticketId, outsider.client)
    expect(hidden.status).toBe(404)
    expect(hidden.body.error.code).toBe('not_found')
    expect((await ticketAudit('00000000-0000-4000-8000-000000000000')).status).toBe(404)
    expect((await ticketAudit('not-an-id')).status).toBe(404)
  })
})

describe('a contact’s audit', () => {
  test('lists identities added and removed by hand, naming the agent', async () => {
    const { contactId, email } = await customer()
    const extra = uniqueEmail('extra')
    expect((await setup.api.post(`/api/contacts/${contactId}/identities`, { kind: 'email', value: extra })).status).toBe(201)
    const profile = (await setup.api.get(`/api/contacts/${contactId}`)).body
    const added = profile.identities.find((i: any) => i.value === extra)
    expect(added).toEqual({ id: expect.any(String), kind: 'email', value: extra })

    const removed = await setup.api.delete(`/api/contacts/${contactId}/identities/${added.id}`)
    expect(removed.status).toBe(200)
    expect(removed.body.identity).toEqual({ kind: 'email', value: extra })
    const after = (await setup.api.get(`/api/contacts/${contactId}`)).body
    expect(after.identities.map((i: any) => i.value)).toEqual([email])

    const items = (await contactAudit(contactId)).body.items
    expect(items[0]).toMatchObject({
      action: 'contact.identity_removed',
      actor: { type: 'agent', id: adminId },
      details: { kind: 'email', value: extra },
    })
    expect(items[1]).toMatchObject({ action: 'contact.identity_linked', details: { kind: 'email', value: extra } })
    // The same identity again: gone already.
    expect((await setup.api.delete(`/api/contacts/${contactId}/identities/${added.id}`)).status).toBe(404)
  })

  test('removing the profile’s email falls back to its other email, and mail to the removed one starts a new profile', async () => {
    const { contactId, email } = await customer()
    const second = uniqueEmail('second')
    expect((await setup.api.post(`/api/contacts/${contactId}/identities`, { kind: 'email', value: second })).status).toBe(201)
    const first = (await setup.api.get(`/api/contacts/${contactId}`)).body.identities.find((i: any) => i.value === email)
    expect((await setup.api.delete(`/api/contacts/${contactId}/identities/${first.id}`)).status).toBe(200)
    expect((await setup.api.get(`/api/contacts/${contactId}`)).body.contact.email).toBe(second)
    const again = await ticketFromForm(setup.api, channelId, { name: 'Aud Itor', email, message: `again ${randomUUID()}` })
    expect(again.contactId).not.toBe(contactId)
  })

  test('refuses to remove the last identity (409 last_identity), and another contact’s identity is not found', async () => {
    const one = await customer()
    const two = await customer()
    const [onlyOne] = (await setup.api.get(`/api/contacts/${one.contactId}`)).body.identities
    const last = await setup.api.delete(`/api/contacts/${one.contactId}/identities/${onlyOne.id}`)
    expect(last.status).toBe(409)
    expect(last.body.error.code).toBe('last_identity')
    expect(last.body.error.message).toContain('only identity')
    // One contact's identity asked through another's path.
    expect((await setup.api.delete(`/api/contacts/${two.contactId}/identities/${onlyOne.id}`)).status).toBe(404)
    expect((await setup.api.delete(`/api/contacts/${two.contactId}/identities/not-an-id`)).status).toBe(404)
    expect((await setup.api.get(`/api/contacts/${one.contactId}`)).body.identities).toHaveLength(1)
  })

  test('lists a merge and its undoing on both profiles', async () => {
    const target = await customer()
    const source = await customer(undefined, true)
    expect((await setup.api.post(`/api/contacts/${target.contactId}/merge`, { sourceId: source.contactId })).status).toBe(200)
    const merged = (await contactAudit(target.contactId)).body.items[0]
    expect(merged).toMatchObject({
      action: 'contact.merged',
      actor: { type: 'agent', id: adminId },
      details: { sourceId: source.contactId, ticketIds: [source.ticketId] },
    })
    expect((await setup.api.post(`/api/contacts/${source.contactId}/unmerge`)).status).toBe(200)
    expect((await contactAudit(target.contactId)).body.items[0]).toMatchObject({
      action: 'contact.merge_undone',
      details: { sourceId: source.contactId },
    })
    expect((await contactAudit(source.contactId)).body.items.map((i: any) => i.action).slice(0, 2)).toEqual([
      'contact.unmerged',
      'contact.merged_away',
    ])
  })

  test('is only for those who may see the contact; an agent may not remove a hidden contact’s identity', async () => {
    const hidden = await customer()
    expect((await setup.api.patch(`/api/tickets/${hidden.ticketId}`, { teamId })).status).toBe(200)
    expect((await contactAudit(hidden.contactId, insider.client)).status).toBe(200)
    expect((await contactAudit(hidden.contactId, outsider.client)).status).toBe(404)
    expect(
      (await setup.api.post(`/api/contacts/${hidden.contactId}/identities`, { kind: 'email', value: uniqueEmail() })).status,
    ).toBe(201)
    const [first] = (await setup.api.get(`/api/contacts/${hidden.contactId}`)).body.identities
    const refused = await outsider.client.delete(`/api/contacts/${hidden.contactId}/identities/${first.id}`)
    expect(refused.status).toBe(404)
    expect((await setup.api.get(`/api/contacts/${hidden.contactId}`)).body.identities).toHaveLength(2)
    expect((await contactAudit('00000000-0000-4000-8000-000000000000')).status).toBe(404)
    expect((await contactAudit('not-an-id')).status).toBe(404)
  })
})
