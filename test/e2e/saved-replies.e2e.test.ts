// Saved replies in Chromium: an agent types `/` in the reply box, finds the Japanese variant first on a
// Japanese conversation, and inserts it filled from the contact; a colleague on the same ticket sees the
// text arrive in the shared draft; Send is refused while {{order.tracking_url}} is unfilled and works on
// once it is replaced; Ctrl+K opens the picker too. On a 390×844 phone an agent makes a personal saved
// reply in settings, the server's refusal of an unknown variable shown, and nothing overflows the screen.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type AppTab, insideScreen, openSignedIn, openTicket } from '../support/agent-app.ts'
import { signedInAgent } from '../support/agents.ts'
import { ApiClient } from '../support/api-client.ts'
import { launchBrowser } from '../support/browser.ts'
import { createFormChannel } from '../support/form-channel.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'
import { ticketFromForm } from '../support/ticket-lookup.ts'
import { uniqueEmail } from '../support/unique.ts'

let server: TestServer
let api: ApiClient
let browser: Browser
let admin: AppTab
let bea: { email: string; password: string }
let ticketId: string
const wait = { timeout: 90_000 }
const slow = 300_000

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  api = await new ApiClient(server.url).login()
  const channelId = await createFormChannel(api)
  const colleague = await signedInAgent(api, 'agent', 'Bea Colleague')
  bea = { email: colleague.agent.email, password: 'agent-password-1' }
  const ticket = await ticketFromForm(api, channelId, {
    name: '山田 花子',
    email: uniqueEmail('hanako'),
    subject: '配送について',
    message: '注文した商品がまだ届きません。いつ届きますか。',
  })
  ticketId = ticket.id
  for (const [language, title, body] of [
    ['en', 'Delay apology', 'Dear {{contact.name}}, sorry for the wait. Tracking: {{order.tracking_url}}'],
    [
      'ja',
      '遅延のお詫び',
      '{{contact.name}}様\nお待たせして申し訳ございません。担当の{{agent.name}}です。\n追跡: {{order.tracking_url}}',
    ],
  ] as const) {
    const made = await api.post('/api/saved-replies', { title, shortcut: 'delay', language, body, scope: 'workspace' })
    expect(made.status).toBe(201)
  }
  admin = await openSignedIn(browser, server.url)
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
}, slow)

test(
  'a Japanese saved reply goes into the shared draft filled from the contact, and Send waits for the unfilled variable',
  async () => {
    const colleague = await openSignedIn(browser, server.url, bea.email, bea.password)
    try {
      await openTicket(admin.page, '山田 花子')
      await openTicket(colleague.page, '山田 花子')
      const alsoViewing = admin.page.getByRole('list', { name: 'Also viewing' })
      await expect.poll(() => alsoViewing.getByRole('img', { name: /Bea Colleague/ }).count(), wait).toBe(1)

      const reply = admin.page.getByLabel('Reply', { exact: true })
      await reply.click()
      await admin.page.keyboard.press('/')
      const picker = admin.page.getByRole('dialog', { name: 'Saved replies' })
      await picker.waitFor(wait)
      // The `/` opened the picker instead of going into the draft.
      expect(await reply.inputValue()).toBe('')
      await picker.getByRole('combobox', { name: 'Search saved replies' }).pressSequentially('delay')
      const options = picker.getByRole('option')
      await expect.poll(() => options.count(), wait).toBe(2)
      // The conversation is in Japanese: its variant comes first, highlighted, previewed filled in.
      expect(await options.first().textContent()).toContain('遅延のお詫び')
      expect(await options.first().getAttribute('aria-selected')).toBe('true')
      expect(await options.first().textContent()).toContain('山田 花子様')
      await admin.page.keyboard.press('ArrowDown')
      expect(await options.nth(1).getAttribute('aria-selected')).toBe('true')
      await admin.page.keyboard.press('ArrowUp')
      await admin.page.keyboard.press('Enter')
      await expect.poll(() => picker.count(), wait).toBe(0)

      const adminName = (await api.get('/api/me')).body.agent.name as string
      const expected = `山田 花子様\nお待たせして申し訳ございません。担当の${adminName}です。\n追跡: {{order.tracking_url}}`
      await expect.poll(() => reply.inputValue(), wait).toBe(expected)
      // The colleague sees it appear in the shared draft.
      await expect.poll(() => colleague.page.getByLabel('Reply', { exact: true }).inputValue(), wait).toBe(expected)
      // Inserting counted as a use.
      const used = await api.get('/api/saved-replies?q=delay&language=ja')
      expect(used.body.items[0]).toMatchObject({ title: '遅延のお詫び', usageCount: 1 })

      // Send is refused while the tracking link is still a placeholder, saying which.
      const notice = admin.page.locator('.unfilled-variables')
      await expect.poll(() => notice.textContent(), wait).toContain('{{order.tracking_url}}')
      await admin.page.getByRole('button', { name: 'Send', exact: true }).click()
      const alert = admin.page.getByRole('alert').filter({ hasText: 'Not sent' })
      await expect.poll(() => alert.textContent(), wait).toContain('{{order.tracking_url}} is still to be filled in')
      const thread = await api.get(`/api/tickets/${ticketId}`)
      expect(thread.body.messages.filter((m: { direction: string }) => m.direction === 'outbound')).toEqual([])
      expect(await colleague.page.getByLabel('Reply', { exact: true }).inputValue()).toBe(expected)

      // Replacing the placeholder lifts the block (the colleague's notice goes too: it is one draft).
      await reply.fill(expected.replace('{{order.tracking_url}}', 'https://track.example/JP123'))
      await expect.poll(() => notice.count(), wait).toBe(0)
      expect(await alert.count()).toBe(0)
      await expect.poll(() => colleague.page.locator('.unfilled-variables').count(), wait).toBe(0)

      // Ctrl+K opens the picker where the cursor is; Escape closes it and leaves the draft as it was.
      await reply.press('End')
      await reply.press('Control+k')
      await picker.waitFor(wait)
      await admin.page.keyboard.press('Escape')
      await expect.poll(() => picker.count(), wait).toBe(0)
      expect(await reply.inputValue()).toBe(expected.replace('{{order.tracking_url}}', 'https://track.example/JP123'))
      await reply.fill('')
    } finally {
      await colleague.context.close()
    }
  },
  slow,
)

test(
  'on a phone an agent makes a personal saved reply in settings, with the server’s refusal shown',
  async () => {
    const phone = await openSignedIn(browser, server.url, bea.email, bea.password)
    try {
      await phone.page.setViewportSize({ width: 390, height: 844 })
      await phone.page.goto(`${server.url}/#/settings/replies`)
      const form = phone.page.getByRole('form', { name: 'Make a saved reply' })
      await form.waitFor(wait)
      await form.getByLabel('Title').fill('My sign-off')
      await form.getByLabel('Shortcut').fill('bye')
      await form.getByLabel('Language').fill('en')
      await form.getByLabel('Body').fill('Bye {{contact.nickname}}')
      await form.getByRole('button', { name: 'Make saved reply' }).click()
      const said = form.getByRole('status')
      await expect.poll(() => said.textContent(), wait).toContain('{{contact.nickname}}')

      await form.getByLabel('Body').fill('Bye ')
      await form.getByRole('button', { name: '{{contact.first_name}}' }).click()
      expect(await form.getByLabel('Body').inputValue()).toBe('Bye {{contact.first_name}}')
      await form.getByRole('button', { name: 'Make saved reply' }).click()
      await expect.poll(() => said.textContent(), wait).toContain('made')
      const row = phone.page.getByRole('listitem', { name: 'Saved reply My sign-off' })
      await expect.poll(() => row.textContent(), wait).toContain('Only me')
      // Shared replies are listed, not changeable by an agent: the server's refusal is shown.
      await phone.page.getByRole('button', { name: 'Edit Delay apology' }).click()
      const change = phone.page.getByRole('form', { name: 'Change saved reply' })
      await change.getByRole('button', { name: 'Save changes' }).click()
      await expect.poll(() => change.getByRole('status').textContent(), wait).toContain('admins and supervisors')

      const widest = await phone.page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        pane: Math.max(...[...document.querySelectorAll('.settings, .settings *')].map((el) => el.getBoundingClientRect().right)),
      }))
      expect(widest.page).toBeLessThanOrEqual(390)
      expect(widest.pane).toBeLessThanOrEqual(390)
      await phone.page.getByRole('button', { name: 'Edit My sign-off' }).scrollIntoViewIfNeeded()
      expect(await insideScreen(phone.page.getByRole('button', { name: 'Edit My sign-off' }), phone.page)).toBe(true)

      // Nobody else sees it.
      expect(JSON.stringify((await api.get('/api/saved-replies')).body)).not.toContain('My sign-off')
    } finally {
      await phone.context.close()
    }
  },
  slow,
)
