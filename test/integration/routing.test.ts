// Routing, SLAs and automation end to end on a real server whose clock the test moves (TEST_CLOCK=1):
// rules route a Japanese customer's urgent WhatsApp message, SLA warnings and breaches fall on time,
// the away message follows the channel's calendar, a handoff moves tickets with their note, and bad
// configuration is refused.
import { beforeAll, expect, test } from 'vitest'
import { postSignedWebhook, whatsappText } from '../fakes/meta-webhooks.ts'
import { type SignedInAgent, signedInAgent } from '../support/agents.ts'
import { eventually } from '../support/eventually.ts'
import { appSecret, useMetaServer } from '../support/meta-server.ts'

const setup = useMetaServer({ TEST_CLOCK: '1' })
const number = { phoneNumberId: '106540352247777', businessAccountId: '102290129340398' }
let nextCustomer = 819012340000
let channelId: string

beforeAll(async () => {
  const created = await setup.api.post('/api/channels', {
    kind: 'whatsapp',
    name: 'WhatsApp Japan',
    config: { ...number, accessToken: 'EAAW-token', displayPhoneNumber: '+81 3 0000 0000' },
  })
  channelId = created.body.channel.id
})

async function customerWrites(text: string, to = number) {
  const posted = await postSignedWebhook(
    setup.server.url,
    // Sent when the server's clock says: Meta's timestamp is the customer's, and the reply window counts from it.
    whatsappText({ ...to, from: String(nextCustomer++), name: '山田 花子', text, at: serverNow ?? new Date() }),
    appSecret,
  )
  expect(posted.status).toBe(200)
  const found = await setup.api.get(`/api/tickets?q=${encodeURIComponent(text)}`)
  expect(found.body.items).toHaveLength(1)
  return found.body.items[0]
}

async function agentWith(name: string, skills: string[], availability: 'online' | 'offline'): Promise<SignedInAgent> {
  const agent = await signedInAgent(setup.api, 'agent', name)
  expect((await setup.api.patch(`/api/agents/${agent.agent.id}`, { skills, capacity: 5 })).status).toBe(200)
  expect((await agent.client.request('PUT', '/api/me/availability', { status: availability })).status).toBe(200)
  return agent
}

/**
 * A week well ahead of today, so the calendar tests below fall on the same weekdays on any date the suite
 * runs: its Monday 00:00 UTC, at least three days after the earlier tests' clock moves (about a day).
 */
const weekStart = (() => {
  const day = new Date(Date.now() + 3 * 86_400_000)
  day.setUTCHours(0, 0, 0, 0)
  day.setUTCDate(day.getUTCDate() + ((8 - day.getUTCDay()) % 7))
  return day
})()
/** That week's day (0 = Monday) at an hour and minute UTC. */
function inWeek(dayOffset: number, hour: number, minute = 0): Date {
  return new Date(weekStart.getTime() + dayOffset * 86_400_000 + (hour * 60 + minute) * 60_000)
}

/** Tests move the clock forward only (the scheduler looks at each stretch of time once), except the away test, which moves it back a few hours. */
async function setClock(at: Date) {
  const moved = await setup.api.post('/api/test/clock', { now: at.toISOString() })
  expect(moved.status).toBe(200)
  serverNow = at
}
/** Where setClock last put the server's clock (null: it runs on the system clock). */
let serverNow: Date | null = null

test('an urgent WhatsApp message from a Japanese customer goes to the least loaded Japanese-speaking online agent, at high priority', async () => {
  const busy = await agentWith('Sato (busy)', ['ja'], 'online')
  const free = await agentWith('Suzuki (free)', ['ja', 'billing'], 'online')
  await agentWith('Tanaka (off)', ['ja'], 'offline')
  await agentWith('Smith', ['en'], 'online')
  const earlier = await customerWrites('こんにちは、質問があります')
  expect((await setup.api.patch(`/api/tickets/${earlier.id}`, { assigneeId: busy.agent.id })).status).toBe(200)

  const urgent = await setup.api.post('/api/rules', {
    name: 'Urgent words',
    event: 'ticket_created',
    conditions: { any: [{ field: 'text', op: 'contains', value: '至急' }] },
    actions: [{ type: 'set_priority', priority: 'high' }],
  })
  expect(urgent.status).toBe(201)
  const japanese = await setup.api.post('/api/rules', {
    name: 'Japanese to Japanese speakers',
    event: 'ticket_created',
    conditions: { all: [{ field: 'language', op: 'eq', value: 'ja' }] },
    actions: [{ type: 'assign_least_loaded', skill: 'ja' }],
  })
  expect(japanese.status).toBe(201)
  const team = await setup.api.post('/api/teams', { name: 'Japan desk', agentIds: [busy.agent.id] })
  const acknowledge = await setup.api.post('/api/rules', {
    name: 'Acknowledge complaints',
    event: 'ticket_created',
    conditions: { all: [{ field: 'sentiment', op: 'lt', value: 0 }] },
    actions: [
      { type: 'send_reply', body: 'お問い合わせを受け付けました。' },
      { type: 'add_note', body: 'Complaint: check the order first.' },
      { type: 'notify', teamId: team.body.team.id },
    ],
  })
  expect(acknowledge.status).toBe(201)

  const ticket = await customerWrites('至急対応してください。注文した商品が壊れていました')
  const routed = await eventually(async () => {
    const detail = await setup.api.get(`/api/tickets/${ticket.id}`)
    expect(detail.body.ticket).toMatchObject({ assigneeId: free.agent.id, priority: 'high' })
    return detail.body
  })
  expect(routed.ticket.priorityScore).toBeGreaterThan(40)
  expect(routed.messages.map((m: { body: string }) => m.body)).toEqual(
    expect.arrayContaining([
      'Rule “Urgent words” set the priority to high.',
      'Rule “Japanese to Japanese speakers” assigned the ticket to Suzuki (free).',
    ]),
  )
  const reply = await eventually(async () => {
    const { messages } = (await setup.api.get(`/api/tickets/${ticket.id}`)).body
    const sent = messages.find((m: { direction: string }) => m.direction === 'outbound')
    expect(sent).toMatchObject({ body: 'お問い合わせを受け付けました。', authorType: 'system', status: 'sent' })
    return sent
  })
  expect(setup.graph.requests.some((r) => JSON.stringify(r.body).includes(reply.body))).toBe(true)
  expect(routed.messages).toEqual(
    expect.arrayContaining([expect.objectContaining({ kind: 'note', body: 'Complaint: check the order first.' })]),
  )
  const teamTold = (await busy.client.get('/api/notifications')).body.items
  expect(teamTold).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'rule', ticketId: ticket.id })]))
  const told = await free.client.get('/api/notifications')
  expect(told.body.items.map((n: { ticketId: string }) => n.ticketId)).toContain(ticket.id)
  const agents = (await setup.api.get('/api/agents')).body.items
  expect(agents.find((a: { id: string }) => a.id === free.agent.id)).toMatchObject({
    availability: 'online',
    openTickets: 1,
    skills: ['ja', 'billing'],
  })

  const byPriority = await setup.api.get('/api/tickets?sort=priority&limit=5')
  expect(byPriority.body.items[0].id).toBe(ticket.id)
  const everyTicket = (await setup.api.get('/api/tickets?limit=200')).body.items.length
  const walked: { id: string; priorityScore: number }[] = []
  for (let cursor = ''; ; ) {
    const page = await setup.api.get(`/api/tickets?sort=priority&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
    walked.push(...page.body.items)
    if (!page.body.nextCursor) break
    cursor = page.body.nextCursor
  }
  expect(new Set(walked.map((t) => t.id)).size).toBe(everyTicket)
  expect(walked.map((t) => t.priorityScore)).toEqual(walked.map((t) => t.priorityScore).sort((a, b) => b - a))
  for (const id of [urgent.body.rule.id, japanese.body.rule.id])
    expect((await setup.api.request('DELETE', `/api/rules/${id}`)).status).toBe(200)
})

test('a ticket with no reply reaches its SLA warning, then its breach, on the driven clock', async () => {
  const owner = await agentWith('Ito', ['ja'], 'offline')
  const policy = await setup.api.post('/api/sla-policies', {
    name: 'WhatsApp first reply in an hour',
    channelKinds: ['whatsapp'],
    targets: { firstReplyMinutes: 60, resolutionMinutes: 600 },
  })
  expect(policy.status).toBe(201)
  const ticket = await customerWrites('返品について教えてください')
  const unowned = await customerWrites('誰も担当していません')
  expect((await setup.api.patch(`/api/tickets/${ticket.id}`, { assigneeId: owner.agent.id })).status).toBe(200)
  const sla = await eventually(async () => {
    const { body } = await setup.api.get(`/api/tickets/${ticket.id}`)
    expect(body.ticket.sla?.policyId).toBe(policy.body.policy.id)
    return body.ticket.sla
  })
  const due = new Date(sla.firstReplyDueAt)
  expect(due.getTime() - new Date(ticket.createdAt).getTime()).toBeGreaterThan(59 * 60_000)

  // The owner was told of the assignment; after that, only of the SLA.
  const ownerKinds = async () => (await owner.client.get('/api/notifications')).body.items.map((n: { kind: string }) => n.kind)
  expect(await ownerKinds()).toEqual(['assigned'])
  await setClock(new Date(due.getTime() - 20 * 60_000))
  expect(await ownerKinds()).toEqual(['assigned'])
  await setClock(new Date(due.getTime() - 10 * 60_000))
  expect(await ownerKinds()).toEqual(['sla_warning', 'assigned'])
  expect((await setup.api.get(`/api/tickets/${ticket.id}`)).body.ticket.sla.breaches).toEqual([])
  const breaching = await setup.api.get('/api/tickets?view=breaching')
  expect(breaching.body.items.map((t: { id: string }) => t.id)).toContain(ticket.id)

  await setClock(new Date(due.getTime() + 60_000))
  const { body } = await setup.api.get(`/api/tickets/${ticket.id}`)
  expect(body.ticket.sla.breaches).toEqual([{ metric: 'firstReply', at: expect.any(String) }])
  expect(await ownerKinds()).toEqual(['sla_breach', 'sla_warning', 'assigned'])
  // Nobody owns the other ticket: its breach is told to the admins.
  const adminTold = (await setup.api.get('/api/notifications')).body.items
  expect(adminTold).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'sla_breach', ticketId: unowned.id })]))
  // The same stretch looked at again tells nobody twice.
  await setClock(new Date(due.getTime() + 2 * 60_000))
  expect((await owner.client.get('/api/notifications')).body.items).toHaveLength(3)
})

test('a time-based rule fires once when the customer has waited past its threshold', async () => {
  const rule = await setup.api.post('/api/rules', {
    name: 'No reply for 2 hours',
    event: 'time_elapsed',
    conditions: { all: [{ field: 'minutesSinceCustomerMessage', op: 'gt', value: 120 }] },
    actions: [{ type: 'add_tag', tag: 'no-reply-2h' }],
  })
  expect(rule.status).toBe(201)
  const ticket = await customerWrites('まだ返事がありません')
  const wrote = new Date(ticket.lastCustomerMessageAt).getTime()
  await setClock(new Date(wrote + 119 * 60_000))
  expect((await setup.api.get(`/api/tickets/${ticket.id}`)).body.ticket.tags).toEqual([])
  await setClock(new Date(wrote + 121 * 60_000))
  const { body } = await setup.api.get(`/api/tickets/${ticket.id}`)
  expect(body.ticket.tags).toEqual(['no-reply-2h'])
  expect(body.messages.map((m: { body: string }) => m.body)).toContain('Rule “No reply for 2 hours” added the tag no-reply-2h.')
  expect((await setup.api.request('DELETE', `/api/rules/${rule.body.rule.id}`)).status).toBe(200)
})

test('two rules that undo each other are stopped and reported to the admins', async () => {
  const flip = (from: string, to: string) =>
    setup.api.post('/api/rules', {
      name: `${from} to ${to}`,
      event: 'ticket_updated',
      conditions: { all: [{ field: 'tag', op: 'contains', value: from }] },
      actions: [
        { type: 'remove_tag', tag: from },
        { type: 'add_tag', tag: to },
      ],
    })
  const created = [await flip('ping', 'pong'), await flip('pong', 'ping')]
  const ticket = await customerWrites('ループのテスト')
  expect((await setup.api.patch(`/api/tickets/${ticket.id}`, { tags: ['ping'] })).status).toBe(200)
  const reported = await eventually(async () => {
    const items = (await setup.api.get('/api/notifications')).body.items.filter((n: { kind: string }) => n.kind === 'rule_loop')
    expect(items).toHaveLength(1)
    return items[0]
  })
  expect(reported).toMatchObject({ ticketId: ticket.id })
  expect(reported.body).toContain('ping to pong')
  expect((await setup.api.get(`/api/tickets/${ticket.id}`)).body.ticket.tags).toEqual(['ping'])
  for (const r of created) expect((await setup.api.request('DELETE', `/api/rules/${r.body.rule.id}`)).status).toBe(200)
})

test('a WhatsApp ticket whose 24-hour window is about to close goes to the top, and its owner is told', async () => {
  const owner = await agentWith('Ogawa', ['ja'], 'offline')
  const ticket = await customerWrites('昨日の件、まだですか')
  const wrote = new Date(ticket.lastCustomerMessageAt)
  expect((await setup.api.patch(`/api/tickets/${ticket.id}`, { assigneeId: owner.agent.id })).status).toBe(200)
  expect((await setup.api.get(`/api/tickets/${ticket.id}`)).body.ticket.priorityScore).toBeLessThan(1000)

  await setClock(new Date(wrote.getTime() + 22 * 3_600_000 + 60_000))
  const { body } = await setup.api.get(`/api/tickets/${ticket.id}`)
  expect(body.ticket.priorityScore).toBeGreaterThanOrEqual(1000)
  // Every ticket whose window closes soon (the earlier tests' too) is above every other.
  const inbox = (await setup.api.get('/api/tickets?sort=priority&limit=200')).body.items as {
    id: string
    priorityScore: number
  }[]
  const firstOrdinary = inbox.findIndex((t) => t.priorityScore < 1000)
  expect(inbox.findIndex((t) => t.id === ticket.id)).toBeLessThan(firstOrdinary === -1 ? inbox.length : firstOrdinary)
  const told = (await owner.client.get('/api/notifications')).body.items
  // (The SLA policy of the test above applies too: its warnings and breaches come along.)
  expect(told).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'reply_window', ticketId: ticket.id })]))
})

test('the away message goes out at night and not by day, by the channel calendar', async () => {
  await agentWith('Kato', ['ja'], 'online')
  const calendar = await setup.api.post('/api/calendars', {
    name: 'Tokyo office',
    timeZone: 'Asia/Tokyo',
    weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' })),
    // A holiday outside the week the test uses, so the office is open on its Thursday.
    holidays: [inWeek(10, 0).toISOString().slice(0, 10)],
  })
  expect(calendar.status).toBe(201)
  const tokyo = { phoneNumberId: '106540352248888', businessAccountId: '102290129340398' }
  await setup.api.post('/api/channels', {
    kind: 'whatsapp',
    name: 'Tokyo',
    config: {
      ...tokyo,
      accessToken: 'EAAW-tokyo',
      displayPhoneNumber: '+81 3 1111 1111',
      awayMessage: '営業時間外です。',
      calendarId: calendar.body.calendar.id,
    },
  })
  const automaticOf = async (ticketId: string) =>
    (await setup.api.get(`/api/tickets/${ticketId}`)).body.messages.filter((m: { automatic: boolean }) => m.automatic)

  // Thursday 11:00 in Tokyo: open, and an agent is online.
  await setClock(inWeek(3, 2))
  const byDay = await customerWrites('昼間の問い合わせです', tokyo)
  // Thursday 03:00 in Tokyo: closed.
  await setClock(inWeek(2, 18))
  const atNight = await customerWrites('夜中の問い合わせです', tokyo)
  const away = await eventually(async () => {
    const sent = await automaticOf(atNight.id)
    expect(sent).toHaveLength(1)
    return sent[0]
  })
  expect(away.body).toBe('営業時間外です。')
  // After-commit work runs in commit order: the night message's is done, so the day one's is too.
  expect(await automaticOf(byDay.id)).toEqual([])
})

test('an agent with a shift is set online when it starts and offline when it ends; tickets that waited are routed', async () => {
  const office = await setup.api.post('/api/calendars', {
    name: 'Tokyo shift',
    timeZone: 'Asia/Tokyo',
    weekly: [5].map((day) => ({ day, open: '09:00', close: '18:00' })),
  })
  const shifter = await agentWith('Fujita', ['th'], 'offline')
  expect((await setup.api.patch(`/api/agents/${shifter.agent.id}`, { shiftCalendarId: office.body.calendar.id })).status).toBe(
    200,
  )
  const routing = await setup.api.post('/api/rules', {
    name: 'Thai to Thai speakers',
    event: 'ticket_created',
    conditions: { all: [{ field: 'language', op: 'eq', value: 'th' }] },
    actions: [{ type: 'assign_least_loaded', skill: 'th' }],
  })
  const availability = async () => (await shifter.client.get('/api/me')).body.agent.availability

  await setClock(inWeek(3, 23)) // Friday 08:00 in Tokyo: before the shift
  expect(await availability()).toBe('offline')
  const waiting = await customerWrites('สินค้ายังไม่มาถึง')
  expect((await setup.api.get(`/api/tickets/${waiting.id}`)).body.ticket.assigneeId).toBeNull()
  await setClock(inWeek(4, 0, 30)) // 09:30: the shift has started
  expect(await availability()).toBe('online')
  expect((await setup.api.get(`/api/tickets/${waiting.id}`)).body.ticket.assigneeId).toBe(shifter.agent.id)
  await setClock(inWeek(4, 9, 30)) // 18:30: it has ended
  expect(await availability()).toBe('offline')
  expect((await setup.api.request('DELETE', `/api/rules/${routing.body.rule.id}`)).status).toBe(200)
})

test('an agent going off shift hands their open tickets to a teammate with a note, and the teammate is told', async () => {
  const leaving = await agentWith('Mori', ['ja'], 'online')
  const taking = await agentWith('Abe', ['ja'], 'online')
  const tickets = [await customerWrites('配送の件 1'), await customerWrites('配送の件 2')]
  for (const t of tickets)
    expect((await setup.api.patch(`/api/tickets/${t.id}`, { assigneeId: leaving.agent.id })).status).toBe(200)

  const handoff = await leaving.client.post('/api/me/handoff', {
    toAgentId: taking.agent.id,
    note: 'Both wait for the warehouse.',
  })
  expect(handoff.status).toBe(200)
  expect(handoff.body.ticketIds.sort()).toEqual(tickets.map((t) => t.id).sort())
  for (const t of tickets) {
    const { body } = await setup.api.get(`/api/tickets/${t.id}`)
    expect(body.ticket.assigneeId).toBe(taking.agent.id)
    expect(body.messages).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'note', body: 'Both wait for the warehouse.' })]),
    )
  }
  const told = (await taking.client.get('/api/notifications?unread=true')).body
  expect(told.items[0]).toMatchObject({ kind: 'handoff' })
  expect(told.items[0].body).toContain('Both wait for the warehouse.')
  expect((await taking.client.post(`/api/notifications/${told.items[0].id}/read`)).status).toBe(200)
  expect((await taking.client.get('/api/notifications?unread=true')).body.unread).toBe(told.unread - 1)
  const me = (await leaving.client.get('/api/me')).body.agent
  expect(me).toMatchObject({ availability: 'offline', openTickets: 0 })
})

test('the work views list what waits on us, on the customer, nobody owns, and what has stalled', async () => {
  const ids = async (view: string) =>
    ((await setup.api.get(`/api/tickets?view=${view}&limit=200`)).body.items as { id: string }[]).map((t) => t.id)
  const waiting = await customerWrites('在庫はありますか')
  const pending = await customerWrites('住所を変更しました')
  expect((await setup.api.patch(`/api/tickets/${pending.id}`, { status: 'pending' })).status).toBe(200)

  expect(await ids('waiting_on_us')).toContain(waiting.id)
  expect(await ids('waiting_on_us')).not.toContain(pending.id)
  expect(await ids('waiting_on_customer')).toEqual(expect.arrayContaining([pending.id]))
  expect(await ids('unassigned')).toEqual(expect.arrayContaining([waiting.id, pending.id]))
  expect(await ids('stalled&stalledHours=2000')).not.toContain(waiting.id)
  // Three days on, nothing has moved on these tickets for over 48 hours.
  await setClock(inWeek(7, 12))
  expect(await ids('stalled')).toEqual(expect.arrayContaining([waiting.id, pending.id]))
})

test('rules are listed in the order they run, and a disabled rule stops applying', async () => {
  // A rule that stays on tells when the rules have run on a ticket (its score is written before they do).
  const witness = await setup.api.post('/api/rules', {
    name: 'Mark what the rules saw',
    event: 'ticket_created',
    conditions: { all: [{ field: 'text', op: 'contains', value: '返品' }] },
    actions: [{ type: 'add_tag', tag: 'seen-by-rules' }],
  })
  const ruled = (ticket: { id: string }) =>
    eventually(async () => {
      const { body } = await setup.api.get(`/api/tickets/${ticket.id}`)
      expect(body.ticket.tags).toContain('seen-by-rules')
      return (body.ticket.tags as string[]).filter((tag) => tag !== 'seen-by-rules')
    })
  const rule = await setup.api.post('/api/rules', {
    name: 'Tag returns',
    event: 'ticket_created',
    conditions: { all: [{ field: 'text', op: 'contains', value: '返品' }] },
    actions: [{ type: 'add_tag', tag: 'returns' }],
  })
  const listed = (await setup.api.get('/api/rules')).body.items
  expect(listed.at(-1)).toMatchObject({ id: rule.body.rule.id, enabled: true, stop: false })
  expect(await ruled(await customerWrites('返品したいです'))).toEqual(['returns'])

  const timeless = await setup.api.patch(`/api/rules/${rule.body.rule.id}`, { event: 'time_elapsed' })
  expect(timeless.status).toBe(400)
  expect(timeless.body.error.message).toContain('time_elapsed')
  const disabled = await setup.api.patch(`/api/rules/${rule.body.rule.id}`, { enabled: false })
  expect(disabled.body.rule.enabled).toBe(false)
  expect(await ruled(await customerWrites('もう一度返品です'))).toEqual([])
  expect((await setup.api.get('/api/calendars')).body.items.length).toBeGreaterThan(0)
  expect((await setup.api.get('/api/sla-policies')).body.items[0]).toMatchObject({ channelKinds: ['whatsapp'] })
  expect((await setup.api.request('DELETE', `/api/rules/${rule.body.rule.id}`)).status).toBe(200)
  expect((await setup.api.request('DELETE', `/api/rules/${rule.body.rule.id}`)).status).toBe(404)
  expect((await setup.api.request('DELETE', `/api/rules/${witness.body.rule.id}`)).status).toBe(200)
})

test('bad configuration is refused with a clear error', async () => {
  const unknownField = await setup.api.post('/api/rules', {
    name: 'x',
    event: 'ticket_created',
    conditions: { all: [{ field: 'mood', op: 'eq', value: 'sad' }] },
    actions: [{ type: 'add_tag', tag: 'x' }],
  })
  expect(unknownField.status).toBe(400)
  expect(unknownField.body.error.code).toBe('invalid_input')

  const nobody = await setup.api.post('/api/rules', {
    name: 'to nobody',
    event: 'ticket_created',
    actions: [{ type: 'assign_agent', agentId: '00000000-0000-4000-8000-000000000000' }],
  })
  expect(nobody.status).toBe(400)
  expect(nobody.body.error.message).toContain('No agent')

  const overlapping = await setup.api.post('/api/calendars', {
    name: 'Overlap',
    timeZone: 'Europe/Paris',
    weekly: [
      { day: 1, open: '09:00', close: '13:00' },
      { day: 1, open: '12:00', close: '17:00' },
    ],
  })
  expect(overlapping.status).toBe(400)
  expect(overlapping.body.error.message).toContain('overlap')

  const unknownCalendar = await setup.api.post('/api/channels', {
    kind: 'chat',
    name: 'Chat',
    config: { awayMessage: 'Away', calendarId: '00000000-0000-4000-8000-000000000000' },
  })
  expect(unknownCalendar.status).toBe(400)
  expect(unknownCalendar.body.error.details).toEqual([expect.objectContaining({ path: 'config.calendarId' })])

  const badZone = await setup.api.post('/api/calendars', { name: 'Mars', timeZone: 'Mars/Olympus', weekly: [] })
  expect(badZone.status).toBe(400)
  const noCalendar = await setup.api.post('/api/sla-policies', {
    name: 'x',
    calendarId: '00000000-0000-4000-8000-000000000000',
    targets: { firstReplyMinutes: 5 },
  })
  expect(noCalendar.status).toBe(400)
  const timeless = await setup.api.post('/api/rules', {
    name: 'x',
    event: 'time_elapsed',
    actions: [{ type: 'add_tag', tag: 'x' }],
  })
  expect(timeless.status).toBe(400)
  const agent = await signedInAgent(setup.api, 'agent')
  const busy = await agent.client.request('PUT', '/api/me/availability', { status: 'busy' })
  expect(busy.status).toBe(400)
  expect((await agent.client.patch(`/api/agents/${agent.agent.id}`, { capacity: 99 })).status).toBe(403)
  expect((await setup.api.patch(`/api/agents/${agent.agent.id}`, { capacity: -1 })).status).toBe(400)
  const handoffToNobody = await agent.client.post('/api/me/handoff', { note: 'bye' })
  expect(handoffToNobody.status).toBe(400)
  expect(
    (await agent.client.post('/api/rules', { name: 'x', event: 'ticket_created', actions: [{ type: 'add_tag', tag: 'x' }] }))
      .status,
  ).toBe(403)
  expect((await agent.client.post('/api/test/clock', { now: new Date().toISOString() })).status).toBe(403)
  expect(channelId).toBeTruthy()
})
