// The channels through a working day, in Chromium against a real server and the fake Graph API: a reply
// on a sample channel reaches the built-in simulator and comes back delivered and read (while a real
// channel's reply goes to Meta); a comment is answered in public or, once and within 7 days, privately;
// the composer says where a note, a reply and a web form's answer go; a message shows when the customer
// sent it; a chat visitor has a readable name; a comment ticket shows its post, not the post's id.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { instagramComment, postSignedWebhook, whatsappText } from '../fakes/meta-webhooks.ts'
import { type AppTab, openSignedIn, openTicket } from '../support/agent-app.ts'
import { launchBrowser } from '../support/browser.ts'
import { ChatVisitor } from '../support/chat-visitor.ts'
import { appSecret, type MetaSetup, startMetaServer } from '../support/meta-server.ts'

const instagram = { igUserId: '17841400000000777', pageId: '5550777' }
const whatsapp = { phoneNumberId: '106540352249999', businessAccountId: '102290129349999' }
const day = 24 * 3600_000
let setup: MetaSetup
let browser: Browser
let admin: AppTab
let chatChannelId: string

beforeAll(async () => {
  ;[setup, browser] = await Promise.all([startMetaServer(), launchBrowser()])
  const created = await Promise.all([
    setup.api.post('/api/channels', {
      kind: 'instagram',
      name: 'Shop Instagram',
      config: { ...instagram, accessToken: 'IGQV-real' },
    }),
    setup.api.post('/api/channels', {
      kind: 'whatsapp',
      name: 'Shop WhatsApp',
      config: { ...whatsapp, accessToken: 'EAAW-real', displayPhoneNumber: '+1 555 010 9999' },
    }),
    setup.api.post('/api/channels', { kind: 'chat', name: 'Site chat', config: {} }),
  ])
  for (const response of created) expect(response.status).toBe(201)
  chatChannelId = created[2]!.body.channel.id
  expect((await setup.api.post('/api/sample-data')).status).toBe(201)
  admin = await openSignedIn(browser, setup.server.url)
})
afterAll(async () => {
  await browser?.close()
  await setup?.server.stop()
  await setup?.graph.close()
})

const webhook = async (body: Parameters<typeof postSignedWebhook>[1]) =>
  expect((await postSignedWebhook(setup.server.url, body, appSecret)).status).toBe(200)
const composerLine = (page: Page) => page.getByRole('region', { name: 'Composer' }).locator('.composer-channel')
const lastReply = (page: Page) => page.getByRole('listitem', { name: /^Reply by/ }).last()

async function send(page: Page, text: string): Promise<void> {
  await page.getByLabel('Reply', { exact: true }).fill(text)
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect.poll(() => lastReply(page).locator('.message-body').textContent(), { timeout: 30_000 }).toBe(text)
}

test('a reply on a sample channel goes to the simulator, which reports it delivered and then read', async () => {
  await openTicket(admin.page, 'Sheena Nelson')
  await expect.poll(() => admin.page.getByRole('note', { name: 'Simulated channel' }).isVisible(), { timeout: 30_000 }).toBe(true)
  expect(await composerLine(admin.page).textContent()).toBe('Goes out on WhatsApp (simulated)')
  const before = setup.graph.requests.length
  await send(admin.page, 'Yes, the blue jacket is back in size M.')
  await expect.poll(() => lastReply(admin.page).locator('.delivery').textContent(), { timeout: 60_000 }).toBe('Read')
  // The sample channel's fake token never went to Meta.
  expect(setup.graph.requests.slice(before)).toEqual([])

  // Email has no read receipt: the simulator stops at delivered, as a mailbox's report would.
  await openTicket(admin.page, 'Priya Raman')
  await send(admin.page, 'Sorry about the size; here is how the refund works.')
  await expect.poll(() => lastReply(admin.page).locator('.delivery').textContent(), { timeout: 60_000 }).toBe('Delivered')
})

test('a real channel is never simulated: its reply goes to the Graph API', async () => {
  await webhook(whatsappText({ ...whatsapp, from: '4915100000777', name: 'Real Rita', text: 'Do you have gift cards?' }))
  await openTicket(admin.page, 'Real Rita')
  expect(await admin.page.getByRole('note', { name: 'Simulated channel' }).count()).toBe(0)
  expect(await composerLine(admin.page).textContent()).toBe('Goes out on WhatsApp')
  await send(admin.page, 'We do, from 10 €.')
  await expect
    .poll(() => setup.graph.requests.some((r) => r.path.endsWith(`/${whatsapp.phoneNumberId}/messages`)), { timeout: 30_000 })
    .toBe(true)
  await expect.poll(() => lastReply(admin.page).locator('.delivery').textContent(), { timeout: 30_000 }).toBe('Sent')
})

test('a comment is answered in public by default, or once privately through the Private Replies API', async () => {
  setup.graph.addPost('17800000000000777', {
    caption: 'The rain jacket, now in olive',
    media_type: 'IMAGE',
    media_url: 'https://cdn.example/olive.jpg',
    permalink: 'https://www.instagram.com/p/olive777/',
  })
  await webhook(
    instagramComment({
      ...instagram,
      fromId: '9000000000000777',
      fromUsername: 'mila.hikes',
      commentId: '17900000000000777',
      mediaId: '17800000000000777',
      text: 'Does it come in XS?',
    }),
  )
  await openTicket(admin.page, 'mila.hikes')
  const page = admin.page
  // The post, not its id.
  const post = page.getByRole('figure', { name: 'The post' })
  await expect.poll(() => post.textContent(), { timeout: 30_000 }).toContain('The rain jacket, now in olive')
  expect(await post.getByRole('link', { name: 'View the post on Instagram' }).getAttribute('href')).toBe(
    'https://www.instagram.com/p/olive777/',
  )
  expect(await post.getByRole('img').getAttribute('src')).toBe('https://cdn.example/olive.jpg')
  const title = await page
    .getByRole('region', { name: /^Ticket #/ })
    .locator('h2')
    .textContent()
  expect(title).toContain('Comment on an Instagram post')
  expect(title).not.toContain('17800000000000777')

  expect(await composerLine(page).textContent()).toBe('Public reply under the comment')
  const privately = page.getByRole('checkbox', { name: 'Reply privately' })
  expect(await privately.isEnabled()).toBe(true)
  await privately.check()
  expect(await composerLine(page).textContent()).toBe('Private message to the commenter on Instagram')
  await send(page, 'It does: XS to XL. Sending you the size guide.')
  await expect
    .poll(() => setup.graph.requests.find((r) => r.path.endsWith(`/${instagram.pageId}/messages`))?.body, { timeout: 30_000 })
    .toEqual({
      recipient: { comment_id: '17900000000000777' },
      message: { text: 'It does: XS to XL. Sending you the size guide.' },
    })
  // Once per comment: now disabled, saying why, and the next reply goes public again.
  await expect.poll(() => privately.isDisabled(), { timeout: 30_000 }).toBe(true)
  expect(await page.getByText('This comment has had its one private reply').isVisible()).toBe(true)
  expect(await privately.isChecked()).toBe(false)
  expect(await composerLine(page).textContent()).toBe('Public reply under the comment')
})

test('a comment older than 7 days cannot be answered privately, and the control says why', async () => {
  await webhook(
    instagramComment({
      ...instagram,
      fromId: '9000000000000778',
      fromUsername: 'old.commenter',
      mediaId: '17800000000000778',
      text: 'Still available?',
      at: Date.now() - 8 * day,
    }),
  )
  await openTicket(admin.page, 'old.commenter')
  const privately = admin.page.getByRole('checkbox', { name: 'Reply privately' })
  expect(await privately.isDisabled()).toBe(true)
  expect(await admin.page.getByText('within 7 days of the comment').isVisible()).toBe(true)
})

test('the sample comment is answered privately through the simulator, on a phone', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  const phone = await context.newPage()
  try {
    await phone.goto(setup.server.url)
    await phone.getByLabel('Email').fill('admin@example.com')
    await phone.getByLabel('Password').fill('admin-password-1')
    await phone.getByRole('button', { name: 'Sign in' }).click()
    await openTicket(phone, 'noah.outdoors')
    await expect
      .poll(() => phone.getByRole('figure', { name: 'The post' }).textContent(), { timeout: 30_000 })
      .toContain('autumn')
    const privately = phone.getByRole('checkbox', { name: 'Reply privately' })
    await privately.check()
    expect(await privately.isVisible()).toBe(true)
    await send(phone, 'Yes, fully waterproof. Details in your inbox!')
    await expect.poll(() => lastReply(phone).locator('.delivery').textContent(), { timeout: 60_000 }).toBe('Read')
    await expect.poll(() => privately.isDisabled(), { timeout: 30_000 }).toBe(true)
    const box = await phone.getByRole('region', { name: 'Composer' }).boundingBox()
    expect(box!.x).toBeGreaterThanOrEqual(0)
    expect(box!.x + box!.width).toBeLessThanOrEqual(390)
  } finally {
    await context.close()
  }
}, 240_000)

test('the composer says where it goes: a note to the team only, a web form’s answer by email from the mailbox', async () => {
  await openTicket(admin.page, 'Tomás García')
  expect(await composerLine(admin.page).textContent()).toBe(
    'By email to tomas.garcia@example.com from sample@helpdesk.invalid (simulated)',
  )
  await admin.page.getByRole('tab', { name: 'Internal note' }).click()
  expect(await composerLine(admin.page).textContent()).toBe('Internal: only your team sees notes')
  expect(await composerLine(admin.page).textContent()).not.toContain('Goes out')
  await admin.page.getByRole('tab', { name: 'Reply' }).click()
})

test('a message shows when the customer sent it, and when it arrived if that was much later', async () => {
  const sentAt = new Date(Date.now() - 20 * 60_000)
  await webhook(whatsappText({ ...whatsapp, from: '4915100000778', name: 'Late Lars', text: 'Sent from the train', at: sentAt }))
  await openTicket(admin.page, 'Late Lars')
  const message = admin.page.getByRole('listitem', { name: 'From Late Lars' })
  const shown = await message.locator('.message-head time').first().getAttribute('datetime')
  expect(Date.parse(shown!)).toBe(Math.floor(sentAt.getTime() / 1000) * 1000)
  expect(await message.locator('.received-late').textContent()).toMatch(/^\(received .+, 2\d min later\)$/)
})

test('a chat visitor who gave no name is "Visitor" and four characters, never their hash', async () => {
  const { visitor } = await ChatVisitor.arrive(setup.server.url, chatChannelId)
  try {
    await visitor.say('Where is the size guide?')
  } finally {
    visitor.socket.close()
  }
  const row = admin.page.getByRole('list', { name: 'Tickets' }).getByRole('link').filter({ hasText: 'Where is the size guide?' })
  await expect.poll(() => row.textContent(), { timeout: 30_000 }).toMatch(/Visitor [0-9A-F]{4}/)
  await row.first().click()
  const sidebar = admin.page.getByRole('complementary', { name: 'Customer' })
  await expect.poll(() => sidebar.locator('h2').textContent(), { timeout: 30_000 }).toMatch(/^Visitor [0-9A-F]{4}$/)
  expect(await sidebar.textContent()).not.toMatch(/[0-9a-f]{64}/)
})
