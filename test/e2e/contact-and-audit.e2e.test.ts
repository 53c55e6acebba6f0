// Profiles, history and templates in Chromium: an identity linked and removed in the customer sidebar, a
// taken one offering the merge, the merge undone; the ticket's history naming the macro that changed it; and
// on a 390×844 phone, a WhatsApp channel's templates synced from the fake Graph API with Meta's statuses,
// and the ticket's history behind "Details".
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type FakeGraphApi, startFakeGraphApi } from '../fakes/graph-api.ts'
import { type AppTab, openSignedIn } from '../support/agent-app.ts'
import { ApiClient } from '../support/api-client.ts'
import { launchBrowser } from '../support/browser.ts'
import { createFormChannel } from '../support/form-channel.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'
import { ticketFromForm } from '../support/ticket-lookup.ts'
import { uniqueEmail } from '../support/unique.ts'

let graph: FakeGraphApi
let server: TestServer
let api: ApiClient
let browser: Browser
let admin: AppTab
let whatsappId: string
const wait = { timeout: 90_000 }
/** Under load the browser's local database alone can take 20–40 s to open. */
const slow = 300_000
const account = '102290129340555'
const people = {
  main: { name: 'Mara Main', email: uniqueEmail('mara') },
  other: { name: 'Olaf Other', email: uniqueEmail('olaf') },
}
const tickets: Record<string, { id: string; contactId: string }> = {}

beforeAll(async () => {
  graph = await startFakeGraphApi({ acceptedTokens: ['EAAW-e2e-token'] })
  ;[server, browser] = await Promise.all([startTestServer({ META_GRAPH_URL: graph.url }), launchBrowser()])
  api = await new ApiClient(server.url).login()
  const formId = await createFormChannel(api)
  const secondFormId = await createFormChannel(api, 'Second form')
  tickets.main = await ticketFromForm(api, formId, { ...people.main, message: 'My parcel is late' })
  tickets.other = await ticketFromForm(api, secondFormId, { ...people.other, message: 'Same person, other address' })
  const whatsapp = await api.post('/api/channels', {
    kind: 'whatsapp',
    name: 'Shop WhatsApp',
    config: {
      phoneNumberId: '106540352242555',
      businessAccountId: account,
      accessToken: 'EAAW-e2e-token',
      displayPhoneNumber: '+1 555 010 0555',
    },
  })
  expect(whatsapp.status).toBe(201)
  whatsappId = whatsapp.body.channel.id
  admin = await openSignedIn(browser, server.url)
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await graph?.close()
}, slow)

const identitiesOf = async (contactId: string) =>
  ((await api.get(`/api/contacts/${contactId}`)).body.identities as { value: string }[]).map((i) => i.value).sort()

test(
  'in the sidebar an identity is linked and removed, a taken one is merged in, and the merge undone',
  async () => {
    const page = admin.page
    await page.goto(`${server.url}/#/tickets/${tickets.main!.id}`)
    const sidebar = page.getByRole('complementary', { name: 'Customer' })
    const linkForm = sidebar.getByRole('form', { name: 'Link an identity' })
    await linkForm.waitFor(wait)

    const extra = uniqueEmail('mara-work')
    await linkForm.getByLabel('Identity kind').selectOption('email')
    await linkForm.getByLabel('Identity value').fill(extra)
    await linkForm.getByRole('button', { name: 'Link' }).click()
    await expect.poll(() => sidebar.locator('.identity-message').textContent(), wait).toContain(`Linked email ${extra}`)
    await expect.poll(() => identitiesOf(tickets.main!.contactId), wait).toEqual([people.main.email, extra].sort())

    // Removing asks first; keeping changes nothing.
    await sidebar.getByRole('button', { name: `Remove email ${extra}` }).click()
    await sidebar.getByRole('button', { name: 'Keep' }).click()
    await sidebar.getByRole('button', { name: `Remove email ${extra}` }).click()
    await sidebar.getByRole('button', { name: 'Yes, remove' }).click()
    await expect.poll(() => identitiesOf(tickets.main!.contactId), wait).toEqual([people.main.email])
    await expect.poll(() => sidebar.getByRole('button', { name: `Remove email ${extra}` }).count(), wait).toBe(0)

    // The other profile's address: refused, naming that another profile holds it, with the merge offered.
    await linkForm.getByLabel('Identity value').fill(people.other.email)
    await linkForm.getByRole('button', { name: 'Link' }).click()
    await expect
      .poll(() => sidebar.locator('.identity-message').textContent(), wait)
      .toContain('Another profile already holds this email')
    await sidebar.getByRole('button', { name: 'Merge that profile into this one' }).click()
    await expect.poll(() => identitiesOf(tickets.main!.contactId), wait).toEqual([people.main.email, people.other.email].sort())

    const undo = sidebar.getByRole('button', { name: `Undo merge of ${people.other.email}` })
    await undo.waitFor(wait)
    await undo.click()
    await expect.poll(() => identitiesOf(tickets.main!.contactId), wait).toEqual([people.main.email])
    expect(await identitiesOf(tickets.other!.contactId)).toEqual([people.other.email])
    await expect.poll(() => undo.count(), wait).toBe(0)

    // The profile's history tells it all, newest first.
    await sidebar.getByText('Profile history').click()
    const history = sidebar.getByRole('list', { name: 'Profile history' })
    await expect.poll(() => history.locator('li').first().textContent(), wait).toContain('undid a merge into this profile')
    const text = await history.textContent()
    expect(text).toContain(`removed email ${extra}`)
    expect(text).toContain(`linked email ${extra}`)
    expect(text).toContain('merged another profile into this one')
  },
  slow,
)

test(
  'the ticket’s history names the agent and the macro that changed it',
  async () => {
    const macro = await api.post('/api/macros', {
      name: 'Park for courier',
      actions: [{ type: 'set_status', status: 'pending' }],
    })
    expect(macro.status).toBe(201)
    const run = await api.post(`/api/macros/${macro.body.macro.id}/run`, { ticketIds: [tickets.main!.id] })
    expect(run.body.results[0].ok).toBe(true)
    const page = admin.page
    await page.goto(`${server.url}/#/tickets/${tickets.main!.id}`)
    const details = page.locator('#ticket-details')
    await details.getByText('History', { exact: true }).click()
    const history = details.getByRole('list', { name: 'History' })
    await expect
      .poll(() => history.textContent(), wait)
      .toMatch(/\(via macro “Park for courier”\) · changed the status · open → pending/)
  },
  slow,
)

test(
  'on a 390×844 phone a WhatsApp channel’s templates sync from Meta with their statuses, and the ticket’s history opens under Details',
  async () => {
    graph.setTemplates(account, [
      {
        name: 'order_shipped',
        language: 'en_US',
        status: 'APPROVED',
        category: 'UTILITY',
        components: [{ type: 'BODY', text: 'Hi {{1}}, order {{2}} shipped.' }],
      },
      {
        name: 'spring_sale',
        language: 'de',
        status: 'REJECTED',
        category: 'MARKETING',
        components: [{ type: 'BODY', text: 'Angebot für {{1}}' }],
      },
      {
        name: 'survey',
        language: 'en',
        status: 'PAUSED',
        category: 'MARKETING',
        components: [{ type: 'BODY', text: 'How did we do?' }],
      },
    ])
    const phone = await openSignedIn(browser, server.url)
    try {
      const page = phone.page
      await page.setViewportSize({ width: 390, height: 844 })
      await page.goto(`${server.url}/#/settings/channels`)
      const panel = page.getByRole('region', { name: 'Templates of Shop WhatsApp' })
      await panel.waitFor(wait)
      await panel.getByRole('button', { name: 'Sync from WhatsApp' }).click()
      await expect.poll(() => panel.getByRole('status').first().textContent(), wait).toContain('3 added, 0 updated')
      const list = panel.getByRole('list', { name: 'Templates list of Shop WhatsApp' })
      await expect.poll(() => list.locator('li').count(), wait).toBe(3)
      const rowOf = (name: string) => list.locator('li').filter({ hasText: name })
      expect(await rowOf('order_shipped').textContent()).toMatch(/approved.*utility.*Hi \{\{1\}\}, order \{\{2\}\} shipped\./)
      expect(await rowOf('spring_sale').textContent()).toContain('rejected')
      expect(await rowOf('survey').textContent()).toContain('paused')

      // Meta refusing is said plainly, and what was synced stays.
      graph.setMode({ acceptedTokens: ['another-token'] })
      await panel.getByRole('button', { name: 'Sync from WhatsApp' }).click()
      await expect
        .poll(() => panel.getByRole('alert').textContent(), wait)
        .toContain('Sync failed: Could not read the templates from Meta')
      graph.setMode({ acceptedTokens: ['EAAW-e2e-token'] })
      expect(await list.locator('li').count()).toBe(3)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
      expect((await api.get(`/api/channels/${whatsappId}/templates`)).body.items).toHaveLength(3)

      await page.goto(`${server.url}/#/tickets/${tickets.main!.id}`)
      await page.getByRole('button', { name: 'Details' }).click()
      await page.locator('#ticket-details').getByText('History', { exact: true }).click()
      const history = page.locator('#ticket-details').getByRole('list', { name: 'History' })
      await expect.poll(() => history.textContent(), wait).toContain('via macro “Park for courier”')
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    } finally {
      await phone.context.close()
    }
  },
  slow,
)
