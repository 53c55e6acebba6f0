// The live-chat widget in a real browser: a visitor on a website opens the chat, writes, and the
// message is a ticket; the agent's reply and "is typing" appear in the widget at once.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
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
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
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
  await page.close()
})
