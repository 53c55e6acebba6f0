// A reply drafted with the network gone survives a reload of the page, and when the network returns it
// merges with what a colleague wrote meanwhile into the same shared draft: neither side's text is lost.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { openSignedIn, openTicket } from '../support/agent-app.ts'
import { ApiClient } from '../support/api-client.ts'
import { launchBrowser } from '../support/browser.ts'
import { openCollab } from '../support/collab-client.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

test('a draft typed offline survives a reload and merges with a colleague’s edit when back online', async () => {
  const admin = await new ApiClient(server.url).login()
  const token = (await admin.post('/api/tokens', { name: 'colleague' })).body.token
  const channelId = await createFormChannel(admin)
  await submitForm(server.url, channelId, { name: 'Ines Duarte', email: 'ines@example.com', message: 'Can I change my order?' })
  const ticketId = (await admin.get('/api/tickets')).body.items[0].id

  const { context, page } = await openSignedIn(browser, server.url)
  const rows = page.getByRole('list', { name: 'Tickets' }).getByRole('link')
  await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1)
  await expect
    .poll(() => page.evaluate(async () => (await (await caches.open('helpdesk-shell-v1')).keys()).length), { timeout: 20_000 })
    .toBeGreaterThan(3)
  await expect
    // The local database fills in the background (the list is read from the server meanwhile).
    .poll(() => page.getByRole('status').filter({ hasText: 'Connected' }).getAttribute('title'), { timeout: 90_000 })
    .toContain('Saved')
  await openTicket(page, 'Ines Duarte')
  const reply = page.getByLabel('Reply', { exact: true })

  await context.setOffline(true)
  await reply.pressSequentially('Typed offline.')
  // Each keystroke is an update y-indexeddb writes to the browser's database; the reload waits for them.
  const me = (await admin.get('/api/me')).body.agent.id
  const stored = (name: string) =>
    page.evaluate(
      (dbName) =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open(dbName)
          open.onsuccess = () => {
            const count = open.result.transaction('updates').objectStore('updates').count()
            count.onsuccess = () => resolve(count.result)
            count.onerror = () => resolve(0)
          }
          open.onerror = () => resolve(0)
        }),
      name,
    )
  await expect
    .poll(() => stored(`helpdesk-${me}-doc-${ticketId}`), { timeout: 10_000 })
    .toBeGreaterThanOrEqual('Typed offline.'.length)
  await page.reload()
  await openTicket(page, 'Ines Duarte')
  await expect.poll(() => reply.inputValue(), { timeout: 10_000 }).toBe('Typed offline.')

  // Meanwhile a colleague writes into the same draft.
  const colleague = openCollab(server.url, ticketId, token)
  await colleague.synced
  colleague.doc.getText('draft').insert(0, 'Colleague online. ')

  await context.setOffline(false)
  await expect.poll(() => reply.inputValue(), { timeout: 20_000 }).toMatch(/^(?=.*Colleague online\. )(?=.*Typed offline\.)/s)
  await expect.poll(() => colleague.doc.getText('draft').toString(), { timeout: 10_000 }).toBe(await reply.inputValue())
  colleague.close()
}, 240_000)
