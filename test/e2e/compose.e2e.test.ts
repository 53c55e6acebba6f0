// The composer and notes through a working day, in Chromium: an email with a Cc, shown with its From/To/Cc;
// reply-all fills Cc without our own mailbox; the agent's signature is shown under the draft and goes out;
// "Send and set pending" sends (the real SMTP sink gets the Cc) and only then sets the status; a note
// shows once, in the thread, and its author edits it explicitly (marked edited); the views show unread counts.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type SmtpSink, startSmtpSink } from '../fakes/smtp-sink.ts'
import { type AppTab, openSignedIn, openTicket } from '../support/agent-app.ts'
import { launchBrowser } from '../support/browser.ts'
import { createEmailChannel, type EmailSetup, startEmailServer } from '../support/email-server.ts'

let sink: SmtpSink
let setup: EmailSetup
let browser: Browser
let admin: AppTab

beforeAll(async () => {
  sink = await startSmtpSink()
  ;[setup, browser] = await Promise.all([startEmailServer({ SMTP_URL: sink.url }), launchBrowser()])
  await createEmailChannel(setup.api, { address: 'support@acme.example' })
  await setup.send({
    from: 'Nora Buyer <nora@shop.example>',
    to: ['support@acme.example', 'purchasing@shop.example'],
    cc: ['boss@shop.example'],
    subject: 'Order 4471 is late',
    text: 'Where is order 4471?',
  })
  admin = await openSignedIn(browser, setup.server.url)
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await setup?.server.stop()
  await sink?.close()
})

test('the views show how many tickets are unread', async () => {
  await expect.poll(() => admin.page.getByRole('button', { name: /^All, \d+ unread$/ }).count(), { timeout: 90_000 }).toBe(1)
})

test('reply-all, signature and "Send and set pending" on an email ticket', async () => {
  const { page } = admin
  await openTicket(page, 'Nora Buyer')
  const addresses = page.getByRole('list', { name: 'Conversation' }).locator('.mail-addresses').first()
  await expect.poll(() => addresses.textContent(), { timeout: 30_000 }).toContain('boss@shop.example')

  await page.getByRole('button', { name: 'Reply all' }).click()
  const cc = await page.getByLabel('Cc', { exact: true }).inputValue()
  expect(cc.split(', ').sort()).toEqual(['boss@shop.example', 'purchasing@shop.example'])

  await page.getByRole('button', { name: 'Add signature' }).click()
  await page.getByLabel('Your signature on this channel').fill('Ada, Acme support')
  await page.getByRole('button', { name: 'Save signature' }).click()
  await expect.poll(() => page.locator('.signature-preview').textContent(), { timeout: 10_000 }).toBe('Ada, Acme support')

  await page.getByLabel('Reply', { exact: true }).fill('It leaves the warehouse today.')
  await page.getByRole('button', { name: 'Send and set pending' }).click()
  const [mail] = await sink.waitFor(1)
  expect(mail!.parsed.text).toContain('It leaves the warehouse today.')
  expect(mail!.parsed.text).toContain('Ada, Acme support')
  const ccHeader = mail!.parsed.cc
  const ccAddresses = (Array.isArray(ccHeader) ? ccHeader : ccHeader ? [ccHeader] : []).flatMap((a) =>
    a.value.map((v) => v.address),
  )
  expect(ccAddresses.sort()).toEqual(['boss@shop.example', 'purchasing@shop.example'])
  expect(mail!.parsed.cc && JSON.stringify(mail!.parsed.cc)).not.toContain('support@acme.example')
  // The inbox has a Status filter too: the ticket's own is asked of the server.
  const status = async () => {
    const list = await setup.api.get('/api/tickets?limit=50')
    return (list.body.items as { subject: string | null; status: string }[]).find((t) => t.subject === 'Order 4471 is late')
      ?.status
  }
  await expect.poll(status, { timeout: 30_000 }).toBe('pending')
}, 180_000)

test('a note shows once and its author edits it, marked edited', async () => {
  const { page } = admin
  await page.getByRole('tab', { name: 'Internal note' }).click()
  await page.getByLabel('Internal note', { exact: true }).fill('Carrier says Tuesday')
  await page.getByRole('button', { name: 'Add note' }).click()
  const notes = page.getByRole('listitem', { name: /^Internal note by/ })
  await expect.poll(() => notes.count(), { timeout: 30_000 }).toBe(1)
  expect(await page.getByRole('textbox', { name: /^Note by/ }).count()).toBe(0)
  await notes.getByRole('button', { name: 'Edit note' }).click()
  await notes.getByLabel('Edit note').fill('Carrier says Wednesday')
  await notes.getByRole('button', { name: 'Save note' }).click()
  await expect.poll(() => notes.first().textContent(), { timeout: 30_000 }).toContain('Carrier says Wednesday')
  await expect
    .poll(
      () =>
        notes
          .first()
          .getByText(/^Edited/)
          .count(),
      { timeout: 30_000 },
    )
    .toBe(1)
  expect(await notes.count()).toBe(1)
}, 120_000)
