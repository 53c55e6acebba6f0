// The live-chat widget in a real browser: a visitor on a website opens the chat, writes, and the
// message is a ticket; the agent's reply and "is typing" appear in the widget at once.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { watchCsp } from '../support/agent-app.ts'
import { ApiClient } from '../support/api-client.ts'
import { launchBrowser } from '../support/browser.ts'
import { eventually } from '../support/eventually.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer
let browser: Browser
let api: ApiClient
let channelId: string

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  api = await new ApiClient(server.url).login()
  channelId = (await api.post('/api/channels', { kind: 'chat', name: 'Site chat', config: {} })).body.channel.id
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

test('a visitor chats from a web page and sees the agent typing and replying', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  // The demo page's policy is as strict as a careful website's: the widget must work under it.
  const cspViolations = watchCsp(context)
  const page = await context.newPage()
  await page.goto(`${server.url}/chat-demo?channel=${channelId}`)
  await page.getByRole('button', { name: 'Open chat' }).click()
  await page.getByLabel('Message').fill('Hello from the website, is my order on its way?')
  await page.getByRole('button', { name: 'Send' }).click()

  const ticket = await eventually(async () => {
    const found = await api.get(`/api/tickets?channel=chat&q=${encodeURIComponent('order on its way')}`)
    expect(found.body.items).toHaveLength(1)
    return found.body.items[0]
  })
  await api.post(`/api/tickets/${ticket.id}/typing`, { typing: true })
  await expect.poll(() => page.getByText(/is typing/).count(), { timeout: 5_000 }).toBeGreaterThan(0)

  const reply = await api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Yes! It ships today.' })
  expect(reply.status).toBe(202)
  await expect.poll(() => page.getByText('Yes! It ships today.').count(), { timeout: 5_000 }).toBe(1)
  // Styled by its own sheet, not by the page's loud styles (a refused sheet would leave them).
  const sendColour = await page.getByRole('button', { name: 'Send' }).evaluate((b) => getComputedStyle(b).backgroundColor)
  expect(sendColour).not.toBe('rgb(255, 255, 0)')
  expect(cspViolations).toEqual([])
  await context.close()
})
