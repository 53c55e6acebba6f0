// An admin sets up routing in the app as a new user would (a team, an agent's language skill, business
// hours for the channel's away message, a one-hour WhatsApp SLA and a rule), and a WhatsApp message is
// then routed, prioritised and timed as configured, with no manual triage; the supervisor's screen shows
// what is waiting.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { postSignedWebhook, whatsappText } from '../fakes/meta-webhooks.ts'
import { type AppTab, openSignedIn } from '../support/agent-app.ts'
import { signedInAgent } from '../support/agents.ts'
import type { ApiClient } from '../support/api-client.ts'
import { launchBrowser } from '../support/browser.ts'
import { appSecret, type MetaSetup, startMetaServer } from '../support/meta-server.ts'

const number = { phoneNumberId: '106540352242933', businessAccountId: '102290129340399' }
let setup: MetaSetup
let browser: Browser
let admin: AppTab
let aiko: { id: string; client: ApiClient }

beforeAll(async () => {
  ;[setup, browser] = await Promise.all([startMetaServer(), launchBrowser()])
  const channel = await setup.api.post('/api/channels', {
    kind: 'whatsapp',
    name: 'WhatsApp Japan',
    config: { ...number, accessToken: 'EAAW-token', displayPhoneNumber: '+81 3 0000 0000' },
  })
  expect(channel.status).toBe(201)
  const created = await signedInAgent(setup.api, 'agent', 'Aiko Tanaka')
  aiko = { id: created.agent.id, client: created.client }
  expect((await aiko.client.request('PUT', '/api/me/availability', { status: 'online' })).status).toBe(200)
  admin = await openSignedIn(browser, setup.server.url)
})
afterAll(async () => {
  await browser?.close()
  await setup?.server.stop()
  await setup?.graph.close()
})

test('routing set up in the app routes, prioritises and times a WhatsApp message', async () => {
  const page = admin.page
  await page.getByRole('link', { name: 'Settings' }).click()

  await page.getByRole('link', { name: 'Teams' }).click()
  const team = page.getByRole('form', { name: 'Make a team' })
  await team.getByLabel('Name').fill('Japan')
  await team.getByLabel('Aiko Tanaka').check()
  await team.getByRole('button', { name: 'Make team' }).click()
  await expect.poll(() => page.getByRole('listitem').filter({ hasText: 'Japan' }).count()).toBe(1)

  await page.getByRole('link', { name: 'Agents' }).click()
  await page.getByLabel('Skills of Aiko Tanaka').fill('ja')
  await page
    .getByRole('row', { name: /Aiko Tanaka/ })
    .getByRole('button', { name: 'Save' })
    .click()
  await expect
    .poll(async () => (await setup.api.get('/api/agents')).body.items.find((a: { id: string }) => a.id === aiko.id)?.skills)
    .toEqual(['ja'])

  await page.getByRole('link', { name: 'Business hours' }).click()
  const calendar = page.getByRole('form', { name: 'Make a calendar' })
  await calendar.getByLabel('Name').fill('Tokyo office')
  await calendar.getByLabel('Time zone').fill('Asia/Tokyo')
  await calendar.getByRole('button', { name: 'Make calendar' }).click()
  await expect.poll(() => page.getByText('Asia/Tokyo').count()).toBe(1)

  await page.getByRole('link', { name: 'Channels' }).click()
  await page.getByLabel('Away message of WhatsApp Japan').fill('営業時間外です。明日9時にお返事します。')
  await page.getByLabel('Business hours of WhatsApp Japan').selectOption({ label: 'Tokyo office' })
  await page.getByRole('form', { name: 'Channel WhatsApp Japan' }).getByRole('button', { name: 'Save' }).click()
  await expect
    .poll(
      async () =>
        (await setup.api.get('/api/channels')).body.items.find((c: { name: string }) => c.name === 'WhatsApp Japan')?.config,
    )
    .toMatchObject({ awayMessage: '営業時間外です。明日9時にお返事します。', calendarId: expect.any(String) })

  await page.getByRole('link', { name: 'SLA policies' }).click()
  const sla = page.getByRole('form', { name: 'Make an SLA policy' })
  await sla.getByLabel('Name').fill('WhatsApp within the hour')
  await sla.getByLabel('whatsapp').check()
  await sla.getByLabel('First reply (minutes)').fill('60')
  await sla.getByRole('button', { name: 'Make policy' }).click()
  await expect.poll(() => page.getByText('First reply 60 min').count()).toBe(1)

  await page.getByRole('link', { name: 'Rules' }).click()
  const rule = page.getByRole('form', { name: 'Make a rule' })
  await rule.getByLabel('Name', { exact: true }).fill('Urgent Japanese')
  await rule.getByLabel('Condition 1 value').fill('至急')
  await rule.getByLabel('Action 1 team').selectOption({ label: 'Japan' })
  await rule.getByLabel('Action 1 skill').fill('ja')
  await rule.getByRole('button', { name: 'Add action' }).click()
  await rule.getByLabel('Action 2', { exact: true }).selectOption('set_priority')
  await rule.getByLabel('Action 2 priority').selectOption('high')
  await rule.getByRole('button', { name: 'Make rule' }).click()
  await expect.poll(() => page.getByText('Urgent Japanese').count()).toBe(1)

  // A rule naming nothing is refused, and the form says why.
  await rule.getByLabel('Name', { exact: true }).fill('Nowhere')
  await rule.getByLabel('Action 1', { exact: true }).selectOption('assign_team')
  await rule.getByRole('button', { name: 'Make rule' }).click()
  await expect.poll(() => rule.getByRole('status').textContent()).toMatch(/teamId/)

  const posted = await postSignedWebhook(
    setup.server.url,
    whatsappText({ ...number, from: '819012345678', name: '山田 太郎', text: '至急お願いします。注文が届いていません。' }),
    appSecret,
  )
  expect(posted.status).toBe(200)
  let ticket: { number: number; createdAt: string; sla: { firstReplyDueAt: string } } | undefined
  await expect
    .poll(
      async () => {
        ticket = (await setup.api.get('/api/tickets?channel=whatsapp')).body.items[0]
        return ticket
      },
      { timeout: 10_000 },
    )
    .toMatchObject({ assigneeId: aiko.id, priority: 'high', teamId: expect.any(String) })
  // Around the clock: due an hour after the customer wrote.
  const due = Date.parse(ticket!.sla.firstReplyDueAt) - Date.parse(ticket!.createdAt)
  expect(Math.abs(due - 60 * 60 * 1000)).toBeLessThan(5_000)

  await page.getByRole('link', { name: 'Supervisor' }).click()
  const waiting = page.getByRole('region', { name: 'Waiting on us' })
  await expect
    .poll(
      () =>
        waiting
          .getByRole('link')
          .filter({ hasText: `#${ticket!.number}` })
          .count(),
      { timeout: 10_000 },
    )
    .toBe(1)
})
