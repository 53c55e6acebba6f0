// The workspace's tag list over REST on a real server: counts per tag (also for tags that only tickets
// carry), who may make and change tags, renames and merges rewriting every ticket and rule in one go (no
// tag twice on a ticket), deletion, clear refusals, the audit trail, and open sync streams told of it all.
import { and, eq, inArray, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { auditLog } from '../../server/db/schema/audit-log.ts'
import { signedInAgent } from '../support/agents.ts'
import { createFormChannel } from '../support/form-channel.ts'
import { openSyncStream } from '../support/sync-stream.ts'
import { useTestServer } from '../support/test-server.ts'
import { ticketFromForm } from '../support/ticket-lookup.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useTestServer()
let channelId: string

beforeAll(async () => {
  channelId = await createFormChannel(setup.api)
})

let serial = 0
/** A tag name no other test uses (the tests share one workspace). */
const fresh = (base: string) => `${base}-${process.pid}-${++serial}`

async function taggedTicket(tags: string[]): Promise<string> {
  const ticket = await ticketFromForm(setup.api, channelId, { name: 'Tia', email: uniqueEmail(), message: 'Hello there' })
  const patched = await setup.api.patch(`/api/tickets/${ticket.id}`, { tags })
  expect(patched.status).toBe(200)
  return ticket.id
}
const tagsOf = async (ticketId: string): Promise<string[]> => (await setup.api.get(`/api/tickets/${ticketId}`)).body.ticket.tags
const listed = async (name: string) =>
  ((await setup.api.get('/api/tags')).body.items as any[]).find((t) => t.name.toLowerCase() === name.toLowerCase())
const auditOf = async (entityIds: string[], actions: string[]) =>
  setup.server
    .database!.db.select({ action: auditLog.action, entityId: auditLog.entityId, data: auditLog.data })
    .from(auditLog)
    .where(and(inArray(auditLog.entityId, entityIds), inArray(auditLog.action, actions)))

describe('list and create', () => {
  test('lists each tag with its colour, description and ticket count, tags typed on tickets included', async () => {
    const billing = fresh('billing')
    await taggedTicket([billing])
    await taggedTicket([billing, fresh('other')])
    const made = await setup.api.post('/api/tags', { name: fresh('unused'), color: 'teal', description: 'Nobody uses it yet' })
    expect(made.status).toBe(201)
    expect(made.body.tag).toMatchObject({ color: 'teal', description: 'Nobody uses it yet', ticketCount: 0 })

    const list = await setup.api.get('/api/tags')
    expect(list.status).toBe(200)
    // A tag typed on a ticket gets a row with the default colour.
    expect(list.body.items).toContainEqual({ name: billing, color: 'gray', description: '', ticketCount: 2 })
    expect(list.body.items).toContainEqual({ ...made.body.tag })
  })

  test('a tag written in another case is the same tag, spelled as the list has it', async () => {
    const name = fresh('Refund')
    const made = await setup.api.post('/api/tags', { name, color: '#AA3300' })
    expect(made.body.tag.color).toBe('#aa3300')
    const ticket = await taggedTicket([name.toLowerCase(), name.toUpperCase()])
    expect(await tagsOf(ticket)).toEqual([name])
    const again = await setup.api.post('/api/tags', { name: name.toUpperCase() })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('tag_exists')
  })

  test('a tag only tickets carry (put on by a rule or a channel) is listed, with the default colour', async () => {
    const name = fresh('from-channel')
    const ticket = await taggedTicket([])
    await setup.server.database!.db.execute(sql`update tickets set tags = array[${name}]::text[] where id = ${ticket}`)
    expect(await listed(name)).toEqual({ name, color: 'gray', description: '', ticketCount: 1 })
    const recoloured = await setup.api.patch(`/api/tags/${encodeURIComponent(name)}`, { color: 'pink' })
    expect(recoloured.status).toBe(200)
    expect(recoloured.body.tag).toMatchObject({ name, color: 'pink', ticketCount: 1 })
  })

  test('agents may not make tags; supervisors may; bad input is a 400 saying what is wrong', async () => {
    const agent = await signedInAgent(setup.api, 'agent')
    const refused = await agent.client.post('/api/tags', { name: fresh('agent-made') })
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('forbidden')
    expect((await agent.client.patch(`/api/tags/${fresh('any')}`, { color: 'red' })).status).toBe(403)
    // Reading the list is for everyone (the ticket's tag field offers it).
    expect((await agent.client.get('/api/tags')).status).toBe(200)

    const supervisor = await signedInAgent(setup.api, 'supervisor')
    expect((await supervisor.client.post('/api/tags', { name: fresh('supervised') })).status).toBe(201)

    const badColour = await setup.api.post('/api/tags', { name: fresh('colourful'), color: 'chartreuse' })
    expect(badColour.status).toBe(400)
    expect(badColour.body.error.code).toBe('invalid_input')
    expect(badColour.body.error.details[0]).toMatchObject({ path: 'color', message: expect.stringContaining('#rrggbb') })
    for (const body of [{ name: '' }, { name: 'a,b' }, { name: 'x'.repeat(51) }, { name: fresh('n'), extra: 1 }]) {
      const bad = await setup.api.post('/api/tags', body)
      expect(bad.status, JSON.stringify(body)).toBe(400)
      expect(bad.body.error.code).toBe('invalid_input')
    }
    const emptyPatch = await setup.api.patch(`/api/tags/${fresh('any')}`, {})
    expect(emptyPatch.status).toBe(400)
  })

  test('a name with a slash, a space or a percent sign is reached through its encoded path', async () => {
    const name = fresh('50% off / promo')
    const ticket = await taggedTicket([name])
    const path = `/api/tags/${encodeURIComponent(name)}`
    const renamed = await setup.api.patch(path, { name: `${name} (old)`, color: 'orange' })
    expect(renamed.status).toBe(200)
    expect(await tagsOf(ticket)).toEqual([`${name} (old)`])
    expect((await setup.api.request('DELETE', `/api/tags/${encodeURIComponent(`${name} (old)`)}`)).status).toBe(200)
    expect(await tagsOf(ticket)).toEqual([])
  })

  test('an unknown tag is a 404 for every change', async () => {
    const missing = encodeURIComponent(fresh('missing'))
    for (const response of [
      await setup.api.patch(`/api/tags/${missing}`, { color: 'red' }),
      await setup.api.post(`/api/tags/${missing}/merge`, { into: 'anything' }),
      await setup.api.request('DELETE', `/api/tags/${missing}`),
    ]) {
      expect(response.status).toBe(404)
      expect(response.body.error.code).toBe('not_found')
    }
    const source = fresh('real')
    await setup.api.post('/api/tags', { name: source })
    const intoMissing = await setup.api.post(`/api/tags/${source}/merge`, { into: fresh('nowhere') })
    expect(intoMissing.status).toBe(404)
    expect(intoMissing.body.error.message).toMatch(/rename/)
  })
})

describe('rename, merge, delete', () => {
  test('a rename rewrites the name on every ticket and rule, is audited, and reaches open sync streams', async () => {
    const old = fresh('shipping')
    const renamed = fresh('delivery')
    const [a, b] = [await taggedTicket([old, 'keep-me']), await taggedTicket(['first', old])]
    const rule = await setup.api.post('/api/rules', {
      name: 'Tag shipping',
      event: 'ticket_created',
      conditions: { any: [{ field: 'tag', op: 'in', value: [old, 'other'] }] },
      actions: [{ type: 'add_tag', tag: old }],
    })
    expect(rule.status).toBe(201)

    const stream = await openSyncStream(setup.server.url, setup.api)
    try {
      const from = stream.events.length
      const response = await setup.api.patch(`/api/tags/${old}`, { name: renamed, color: 'blue', description: 'Where is it' })
      expect(response.status).toBe(200)
      expect(response.body).toEqual({
        tag: { name: renamed, color: 'blue', description: 'Where is it', ticketCount: 2 },
        ticketsChanged: 2,
        rulesChanged: 1,
      })
      expect(await tagsOf(a)).toEqual([renamed, 'keep-me'])
      expect(await tagsOf(b)).toEqual(['first', renamed])
      expect(await listed(old)).toBeUndefined()

      // The stream says the list changed, and pushes the rewritten tickets.
      await stream.next((e) => e.event === 'tags', { from })
      await stream.next((e) => e.event === 'tickets' && e.data.tickets.some((t: any) => t.id === a && t.tags.includes(renamed)), {
        from,
      })
    } finally {
      stream.close()
    }

    const rules = (await setup.api.get('/api/rules')).body.items as any[]
    const changedRule = rules.find((r) => r.id === rule.body.rule.id)
    expect(changedRule.conditions.any[0].value).toEqual([renamed, 'other'])
    expect(changedRule.actions[0].tag).toBe(renamed)

    const ticketAudit = await auditOf([a, b], ['ticket.tags_changed'])
    expect(ticketAudit.map((r) => r.data)).toContainEqual({ from: [old, 'keep-me'], to: [renamed, 'keep-me'], by: 'tag.renamed' })
    const [renameEntry] = await setup.server
      .database!.db.select({ data: auditLog.data })
      .from(auditLog)
      .where(eq(auditLog.action, 'tag.renamed'))
      .then((rows) => rows.filter((r) => (r.data as any).name?.to === renamed))
    expect(renameEntry!.data).toMatchObject({
      name: { from: old, to: renamed },
      color: { from: 'gray', to: 'blue' },
      ticketsChanged: 2,
    })
  })

  test('renaming onto another tag is refused with merge_instead; a change of case is a rename', async () => {
    const [one, two] = [fresh('one'), fresh('two')]
    const ticket = await taggedTicket([one, two])
    const refused = await setup.api.patch(`/api/tags/${one}`, { name: two.toUpperCase() })
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe('merge_instead')
    expect(refused.body.error.message).toContain('merge')
    expect(await tagsOf(ticket)).toEqual([one, two])

    const recased = await setup.api.patch(`/api/tags/${one}`, { name: one.toUpperCase() })
    expect(recased.status).toBe(200)
    expect(await tagsOf(ticket)).toEqual([one.toUpperCase(), two])
  })

  test('a merge moves every ticket to the other tag without doubling it, deletes the source, and is audited', async () => {
    const [source, into] = [fresh('complaint'), fresh('angry')]
    const both = await taggedTicket([source, 'x', into])
    const onlySource = await taggedTicket([source])
    const onlyInto = await taggedTicket([into])
    const sourceRow = await listed(source)
    expect(sourceRow.ticketCount).toBe(2)

    const merged = await setup.api.post(`/api/tags/${source}/merge`, { into: into.toUpperCase() })
    expect(merged.status).toBe(200)
    expect(merged.body).toMatchObject({ tag: { name: into, ticketCount: 3 }, ticketsChanged: 2 })
    expect(await tagsOf(both)).toEqual([into, 'x'])
    expect(await tagsOf(onlySource)).toEqual([into])
    expect(await tagsOf(onlyInto)).toEqual([into])
    expect(await listed(source)).toBeUndefined()

    const self = await setup.api.post(`/api/tags/${into}/merge`, { into })
    expect(self.status).toBe(400)

    const audit = await auditOf([both, onlySource, onlyInto], ['ticket.tags_changed'])
    expect(
      audit
        .filter((r) => (r.data as any).by === 'tag.merged')
        .map((r) => r.entityId)
        .sort(),
    ).toEqual([both, onlySource].sort())
    const mergeEntries = await setup.server
      .database!.db.select({ data: auditLog.data })
      .from(auditLog)
      .where(eq(auditLog.action, 'tag.merged'))
    expect(mergeEntries.map((r) => r.data)).toContainEqual(expect.objectContaining({ name: source, into, ticketsChanged: 2 }))
  })

  test('deleting a tag takes it off every ticket, audited', async () => {
    const name = fresh('obsolete')
    const ticket = await taggedTicket(['a', name, 'b'])
    const deleted = await setup.api.request('DELETE', `/api/tags/${name}`)
    expect(deleted.status).toBe(200)
    expect(deleted.body).toEqual({ ok: true, ticketsChanged: 1 })
    expect(await tagsOf(ticket)).toEqual(['a', 'b'])
    expect(await listed(name)).toBeUndefined()
    const audit = await auditOf([ticket], ['ticket.tags_changed'])
    expect(audit.map((r) => r.data)).toContainEqual({ from: ['a', name, 'b'], to: ['a', 'b'], by: 'tag.deleted' })
  })

  test('an agent counts only the tickets they may see', async () => {
    const name = fresh('hidden')
    const team = (await setup.api.post('/api/teams', { name: fresh('Team'), agentIds: [] })).body.team.id
    const seen = await taggedTicket([name])
    const hidden = await taggedTicket([name])
    await setup.api.patch(`/api/tickets/${hidden}`, { teamId: team })
    expect((await listed(name)).ticketCount).toBe(2)
    const agent = await signedInAgent(setup.api, 'agent')
    const theirs = ((await agent.client.get('/api/tags')).body.items as any[]).find((t) => t.name === name)
    expect(theirs.ticketCount).toBe(1)
    expect(seen).toBeTruthy()
  })
})
