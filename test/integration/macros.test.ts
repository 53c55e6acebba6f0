// Macros over HTTP: admins and supervisors make, change and delete them (agents 403), every agent lists and
// runs them; what a macro names is checked when saved (400 unknown_tag, unknown_reference, invalid_input);
// a run changes each ticket the caller may see (others not_found in their own result), audited as done
// through the macro, skips a step whose tag was deleted since with a notice, and on one ticket answers the
// macro's saved reply filled in for the draft.
import { randomUUID } from 'node:crypto'
import { and, eq, inArray } from 'drizzle-orm'
import { beforeAll, expect, test } from 'vitest'
import { auditLog } from '../../server/db/schema/audit-log.ts'
import { type SignedInAgent, signedInAgent } from '../support/agents.ts'
import { createFormChannel } from '../support/form-channel.ts'
import { useTestServer } from '../support/test-server.ts'
import { ticketFromForm } from '../support/ticket-lookup.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useTestServer()

let ada: SignedInAgent
let sam: SignedInAgent
let channelId: string
let hiddenTeamId: string

async function aTicket(name = 'Rita Refund'): Promise<{ id: string; number: number }> {
  return ticketFromForm(setup.api, channelId, {
    name,
    email: uniqueEmail('macro'),
    message: `Where is my refund ${randomUUID()}`,
  })
}

async function aTag(): Promise<string> {
  const name = `refund-${randomUUID().slice(0, 6)}`
  expect((await setup.api.post('/api/tags', { name })).status).toBe(201)
  return name
}

beforeAll(async () => {
  ada = await signedInAgent(setup.api, 'agent', 'Ada Agent')
  sam = await signedInAgent(setup.api, 'supervisor', 'Sam Supervisor')
  channelId = await createFormChannel(setup.api, 'Macro form')
  hiddenTeamId = (await setup.api.post('/api/teams', { name: `Hidden ${randomUUID().slice(0, 6)}`, agentIds: [] })).body.team.id
})

test('supervisors make, change and delete macros; agents list them but may not change them', async () => {
  const tag = await aTag()
  const made = await sam.client.post('/api/macros', {
    name: 'Refund issued',
    actions: [
      { type: 'add_tag', tag },
      { type: 'set_status', status: 'pending' },
    ],
  })
  expect(made.status).toBe(201)
  expect(made.body.macro).toMatchObject({ name: 'Refund issued', savedReplyId: null, actions: [{ type: 'add_tag', tag }, {}] })
  const id = made.body.macro.id

  const listed = await ada.client.get('/api/macros')
  expect(listed.status).toBe(200)
  expect(listed.body.items.map((m: { id: string }) => m.id)).toContain(id)

  const refused = await ada.client.post('/api/macros', { name: 'Mine', actions: [{ type: 'set_priority', priority: 'high' }] })
  expect(refused.status).toBe(403)
  expect(refused.body.error.code).toBe('forbidden')
  expect((await ada.client.patch(`/api/macros/${id}`, { name: 'Nope' })).status).toBe(403)
  expect((await ada.client.request('DELETE', `/api/macros/${id}`)).status).toBe(403)

  const changed = await sam.client.patch(`/api/macros/${id}`, { name: 'Refund sent' })
  expect(changed.status).toBe(200)
  expect(changed.body.macro).toMatchObject({ name: 'Refund sent', actions: made.body.macro.actions })

  expect((await sam.client.request('DELETE', `/api/macros/${id}`)).status).toBe(200)
  const after = await ada.client.get('/api/macros')
  expect(after.body.items.map((m: { id: string }) => m.id)).not.toContain(id)
  expect((await sam.client.patch(`/api/macros/${id}`, { name: 'Gone' })).status).toBe(404)
})

test('a macro naming an unknown tag, team, agent or saved reply, or badly formed, is refused with a clear 400', async () => {
  const unknownTag = await setup.api.post('/api/macros', {
    name: 'Bad tag',
    actions: [{ type: 'add_tag', tag: 'no-such-tag-xyz' }],
  })
  expect(unknownTag.status).toBe(400)
  expect(unknownTag.body.error.code).toBe('unknown_tag')
  expect(unknownTag.body.error.message).toContain('no-such-tag-xyz')

  const team = randomUUID()
  const unknownTeam = await setup.api.post('/api/macros', { name: 'Bad team', actions: [{ type: 'assign_team', teamId: team }] })
  expect(unknownTeam.status).toBe(400)
  expect(unknownTeam.body.error).toMatchObject({ code: 'unknown_reference' })
  expect(unknownTeam.body.error.message).toContain(team)

  const agent = randomUUID()
  const unknownAgent = await setup.api.post('/api/macros', {
    name: 'Bad agent',
    actions: [{ type: 'assign_agent', agentId: agent }],
  })
  expect(unknownAgent.body.error.code).toBe('unknown_reference')
  expect(unknownAgent.body.error.message).toContain(agent)

  const reply = randomUUID()
  const unknownReply = await setup.api.post('/api/macros', { name: 'Bad reply', savedReplyId: reply, actions: [] })
  expect(unknownReply.status).toBe(400)
  expect(unknownReply.body.error.message).toContain(reply)

  const badAction = await setup.api.post('/api/macros', { name: 'Bad', actions: [{ type: 'send_reply', body: 'hi' }] })
  expect(badAction.status).toBe(400)
  expect(badAction.body.error.code).toBe('invalid_input')
  const empty = await setup.api.post('/api/macros', { name: 'Empty', actions: [] })
  expect(empty.status).toBe(400)
  expect((await setup.api.post('/api/macros', { actions: [{ type: 'set_priority', priority: 'high' }] })).status).toBe(400)

  const tag = await aTag()
  const made = await setup.api.post('/api/macros', { name: 'Fine', actions: [{ type: 'add_tag', tag }] })
  const patched = await setup.api.patch(`/api/macros/${made.body.macro.id}`, {
    actions: [{ type: 'remove_tag', tag: 'nope-qq' }],
  })
  expect(patched.status).toBe(400)
  expect(patched.body.error.code).toBe('unknown_tag')
})

test('a run on three tickets sets their tag and status, audited as done through the macro; a hidden ticket is not_found', async () => {
  const tag = await aTag()
  const macro = (
    await sam.client.post('/api/macros', {
      name: 'Waiting on refund',
      actions: [
        { type: 'add_tag', tag },
        { type: 'set_status', status: 'pending' },
      ],
    })
  ).body.macro
  const tickets = [await aTicket(), await aTicket(), await aTicket()]
  const hidden = await aTicket('Hidden Hans')
  expect((await setup.api.patch(`/api/tickets/${hidden.id}`, { teamId: hiddenTeamId })).status).toBe(200)

  const run = await ada.client.post(`/api/macros/${macro.id}/run`, { ticketIds: [...tickets.map((t) => t.id), hidden.id] })
  expect(run.status).toBe(200)
  expect(run.body.results).toEqual([
    ...tickets.map((t) => ({ ticketId: t.id, ok: true })),
    { ticketId: hidden.id, ok: false, error: { code: 'not_found', message: expect.any(String) } },
  ])
  for (const ticket of tickets) {
    const seen = (await ada.client.get(`/api/tickets/${ticket.id}`)).body.ticket
    expect(seen.tags).toContain(tag)
    expect(seen.status).toBe('pending')
  }
  const hiddenNow = (await setup.api.get(`/api/tickets/${hidden.id}`)).body.ticket
  expect(hiddenNow.tags).not.toContain(tag)
  expect(hiddenNow.status).toBe('open')

  const audit = await setup.server
    .database!.db.select({ action: auditLog.action, actorId: auditLog.actorId, data: auditLog.data, entityId: auditLog.entityId })
    .from(auditLog)
    .where(
      and(
        inArray(
          auditLog.entityId,
          tickets.map((t) => t.id),
        ),
        inArray(auditLog.action, ['ticket.tags_changed', 'ticket.status_changed']),
      ),
    )
  expect(audit).toHaveLength(6)
  for (const row of audit) {
    expect(row.actorId).toBe(ada.agent.id)
    expect(row.data).toMatchObject({ via: 'macro', macroId: macro.id, macroName: 'Waiting on refund' })
  }
  const hiddenAudit = await setup.server
    .database!.db.select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.entityId, hidden.id), eq(auditLog.action, 'ticket.tags_changed')))
  expect(hiddenAudit).toEqual([])
})

test('a tag deleted after saving is skipped with a notice; the rest is done and the reply comes back filled in', async () => {
  const kept = await aTag()
  const doomed = await aTag()
  const reply = await setup.api.post('/api/saved-replies', {
    title: `Refund ${randomUUID().slice(0, 6)}`,
    body: 'Hi {{contact.first_name}}, your refund is on its way.',
    scope: 'workspace',
  })
  expect(reply.status).toBe(201)
  const macro = (
    await setup.api.post('/api/macros', {
      name: 'Refund with note',
      savedReplyId: reply.body.savedReply.id,
      actions: [
        { type: 'add_tag', tag: doomed },
        { type: 'add_tag', tag: kept },
        { type: 'set_priority', priority: 'high' },
        { type: 'snooze', minutes: 60 },
      ],
    })
  ).body.macro
  expect((await setup.api.request('DELETE', `/api/tags/${doomed}`)).status).toBe(200)

  const ticket = await aTicket('Rita Refund')
  const run = await ada.client.post(`/api/macros/${macro.id}/run`, { ticketIds: [ticket.id] })
  expect(run.status).toBe(200)
  const [result] = run.body.results
  expect(result).toMatchObject({ ticketId: ticket.id, ok: true })
  expect(result.skipped).toEqual([{ action: { type: 'add_tag', tag: doomed }, reason: expect.stringContaining(doomed) }])
  expect(result.reply).toEqual({ body: 'Hi Rita, your refund is on its way.', unresolved: [] })

  const seen = (await ada.client.get(`/api/tickets/${ticket.id}`)).body
  expect(seen.ticket.tags).toEqual([kept])
  expect(seen.ticket.priority).toBe('high')
  expect(seen.ticket.snoozedUntil).not.toBeNull()
  // The reply went into no message: only the changes' events are in the thread.
  expect(seen.messages.some((m: { body: string }) => m.body.includes('refund is on its way'))).toBe(false)
})

test('running a macro that does not exist is 404; a run without tickets is 400', async () => {
  expect((await ada.client.post(`/api/macros/${randomUUID()}/run`, { ticketIds: [randomUUID()] })).status).toBe(404)
  const tag = await aTag()
  const macro = (await setup.api.post('/api/macros', { name: 'Tagger', actions: [{ type: 'add_tag', tag }] })).body.macro
  const empty = await ada.client.post(`/api/macros/${macro.id}/run`, { ticketIds: [] })
  expect(empty.status).toBe(400)
  expect(empty.body.error.code).toBe('invalid_input')
})

test('a renamed or merged tag is followed by the macros that name it', async () => {
  const before = await aTag()
  const into = await aTag()
  const macro = (
    await setup.api.post('/api/macros', {
      name: 'Follows tags',
      actions: [
        { type: 'add_tag', tag: before },
        { type: 'remove_tag', tag: into },
      ],
    })
  ).body.macro
  const renamed = `${before}-new`
  expect((await setup.api.patch(`/api/tags/${before}`, { name: renamed })).status).toBe(200)
  expect((await setup.api.post(`/api/tags/${renamed}/merge`, { into })).status).toBe(200)
  const listed = (await setup.api.get('/api/macros')).body.items.find((m: { id: string }) => m.id === macro.id)
  expect(listed.actions).toEqual([
    { type: 'add_tag', tag: into },
    { type: 'remove_tag', tag: into },
  ])
})
