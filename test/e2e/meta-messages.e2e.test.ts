// How Meta's harder message types read in the agent app (Chromium, real server): a WhatsApp order with
// its cart, a Flow reply with its answers, an edited message with its earlier text one click away, and
// a deleted one, marked.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type AppTab, openSignedIn, openTicket } from '../support/agent-app.ts'
import { launchBrowser } from '../support/browser.ts'
import { createFixtureChannels, postFixture } from '../support/meta-fixtures.ts'
import { type MetaSetup, startMetaServer } from '../support/meta-server.ts'

let setup: MetaSetup
let browser: Browser
let admin: AppTab

beforeAll(async () => {
  ;[setup, browser] = await Promise.all([startMetaServer(), launchBrowser()])
  await createFixtureChannels(setup.api)
  for (const name of ['whatsapp-order', 'whatsapp-flow-reply', 'whatsapp-edit', 'whatsapp-revoke']) await postFixture(setup, name)
  admin = await openSignedIn(browser, setup.server.url)
})
afterAll(async () => {
  await browser?.close()
  await setup?.server.stop()
  await setup?.graph.close()
})

test('an order shows its cart line by line and a Flow reply its answers', async () => {
  await openTicket(admin.page, 'Jonas Becker')
  const thread = admin.page.getByRole('listitem', { name: /From Jonas Becker/ })
  await expect.poll(() => thread.textContent(), { timeout: 10_000 }).toContain('• 2 × scarf-wool at €19.50 each')
  expect(await thread.textContent()).toContain('Total: €128.90')
  await openTicket(admin.page, 'Mariana Souza')
  const flow = admin.page.getByRole('listitem', { name: /From Mariana Souza/ })
  await expect.poll(() => flow.textContent(), { timeout: 10_000 }).toContain('Reason: Troca de tamanho — o casaco ficou grande')
})

test('an edited message shows its new text with the earlier one a click away; a deleted one is marked', async () => {
  await openTicket(admin.page, 'Oliver Hughes')
  const edited = admin.page.getByRole('listitem', { name: /From Oliver Hughes/ })
  await expect
    .poll(() => edited.locator('.message-body').first().textContent(), { timeout: 10_000 })
    .toBe('My order number is 40012, sorry')
  await edited.getByText(/^Edited/).click()
  await expect.poll(() => edited.getByText('My order number is 40021').isVisible()).toBe(true)
  await openTicket(admin.page, 'Camille Martin')
  const deleted = admin.page.getByRole('listitem', { name: /From Camille Martin/ })
  await expect.poll(() => deleted.textContent(), { timeout: 10_000 }).toContain('The customer unsent this message.')
})
