// Cross-site request forgery and cross-site websocket hijacking: a page of another site (a sibling on the
// same host or registrable domain too) cannot make a signed-in agent's browser change anything or open a
// ticket's socket. API clients without a browser, webhooks and the chat widget on its websites still work.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, test } from 'vitest'
import WebSocket from 'ws'
import { ApiClient } from '../support/api-client.ts'
import { ChatVisitor } from '../support/chat-visitor.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { useTestServer } from '../support/test-server.ts'
import { ticketFromForm } from '../support/ticket-lookup.ts'

const setup = useTestServer()
let ticketId: string
let formChannelId: string
let own: string
let sibling: string

beforeAll(async () => {
  own = setup.server.url
  // Same host, another port: the same site to a browser (Sec-Fetch-Site: same-site), another origin.
  const port = Number(new URL(own).port)
  sibling = `http://127.0.0.1:${port === 65535 ? port - 1 : port + 1}`
  formChannelId = await createFormChannel(setup.api)
  ticketId = (
    await ticketFromForm(setup.api, formChannelId, { name: 'Ines', email: 'ines@example.com', message: 'Where is my parcel?' })
  ).id
})

/** The status a websocket upgrade is answered with (101 when it opened). */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers })
    socket.once('open', () => {
      socket.close()
      resolve(101)
    })
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      socket.terminate()
    })
    socket.once('error', reject)
  })
}
const wsUrl = (path: string) => `${setup.server.url.replace(/^http/, 'ws')}${path}`

describe('state-changing requests', () => {
  test('from another site, a sibling or an opaque origin: 403 foreign_origin, and nothing changes', async () => {
    for (const [origin, site] of [
      ['https://evil.example', 'cross-site'],
      [sibling, 'same-site'],
      ['http://localhost:1', 'cross-site'],
      ['null', 'cross-site'],
    ] as const) {
      for (const path of ['/api/sample-data', '/api/notifications/read', '/api/auth/logout']) {
        const response = await setup.api.post(path, undefined, { origin, 'sec-fetch-site': site })
        expect(response.status, `${origin} ${path}`).toBe(403)
        expect(response.body.error.code).toBe('foreign_origin')
      }
    }
    // Without Origin, a browser's own word that the request is cross-site or same-site is enough.
    for (const site of ['cross-site', 'same-site']) {
      expect((await setup.api.post('/api/auth/logout', undefined, { 'sec-fetch-site': site })).status).toBe(403)
    }
    // A PATCH and a JSON POST, not only the body-less ones.
    const patch = await setup.api.request('PATCH', `/api/tickets/${ticketId}`, { status: 'resolved' }, { origin: sibling })
    expect(patch.status).toBe(403)
    expect((await setup.api.get(`/api/tickets/${ticketId}`)).body.ticket.status).not.toBe('resolved')
    // The session was not signed out by the refused requests.
    expect((await setup.api.get('/api/me')).status).toBe(200)
  })

  test('from our own pages and from clients with no browser page, they work', async () => {
    expect((await setup.api.post('/api/notifications/read', {}, { origin: own, 'sec-fetch-site': 'same-origin' })).status).toBe(
      200,
    )
    expect((await setup.api.post('/api/notifications/read', {})).status).toBe(200)
    // A request typed into the address bar or from a bookmark says `none`.
    expect((await setup.api.post('/api/notifications/read', {}, { 'sec-fetch-site': 'none' })).status).toBe(200)
    const login = await new ApiClient(own).post(
      '/api/auth/login',
      { email: 'admin@example.com', password: 'admin-password-1' },
      { origin: own },
    )
    expect(login.status).toBe(200)
  })

  test('sign-in from another site is refused too (no signing a victim into an attacker’s account)', async () => {
    const login = await new ApiClient(own).post(
      '/api/auth/login',
      { email: 'admin@example.com', password: 'admin-password-1' },
      { origin: 'https://evil.example' },
    )
    expect(login.status).toBe(403)
    expect(login.headers.get('set-cookie')).toBeNull()
  })

  test('webhooks take no cookie and stay open to other sites: a website form posts from its own origin', async () => {
    const response = await submitForm(
      own,
      formChannelId,
      { name: 'Olga', email: 'olga@example.com', message: 'Posted from the shop' },
      { origin: 'https://shop.example', 'sec-fetch-site': 'cross-site' },
    )
    expect(response.status).toBe(201)
  })
})

describe('websocket upgrades', () => {
  test('a ticket’s collaboration socket opens from our pages only, never from another site or a sibling', async () => {
    const cookie = setup.api.cookie!
    const url = wsUrl(`/collab/${ticketId}`)
    expect(await upgradeStatus(url, { cookie, origin: 'https://evil.example' })).toBe(403)
    expect(await upgradeStatus(url, { cookie, origin: sibling })).toBe(403)
    expect(await upgradeStatus(url, { cookie, origin: 'null' })).toBe(403)
    expect(await upgradeStatus(url, { cookie, 'sec-fetch-site': 'same-site' })).toBe(403)
    expect(await upgradeStatus(url, { cookie, origin: own })).toBe(101)
    // A client with no browser page (an API token, a tool): no Origin at all.
    expect(await upgradeStatus(url, { cookie })).toBe(101)
  })

  test('the chat socket opens from any site, unless its channel names its websites', async () => {
    const open = (await setup.api.post('/api/channels', { kind: 'chat', name: 'Anywhere', config: {} })).body.channel
    expect(await upgradeStatus(ChatVisitor.socketUrl(own, open.id), { origin: 'https://any-shop.example' })).toBe(101)

    const created = await setup.api.post('/api/channels', {
      kind: 'chat',
      name: 'Shop only',
      config: { allowedOrigins: ['https://shop.example', 'HTTPS://WWW.Shop.example'] },
    })
    expect(created.status).toBe(201)
    const shop = created.body.channel
    expect(shop.config.allowedOrigins).toEqual(['https://shop.example', 'https://www.shop.example'])
    const socketUrl = ChatVisitor.socketUrl(own, shop.id)
    expect(await upgradeStatus(socketUrl, { origin: 'https://shop.example' })).toBe(101)
    expect(await upgradeStatus(socketUrl, { origin: 'https://www.shop.example' })).toBe(101)
    expect(await upgradeStatus(socketUrl, { origin: 'https://evil.example' })).toBe(403)
    expect(await upgradeStatus(socketUrl, { origin: 'https://blog.shop.example' })).toBe(403)
    // The helpdesk's own demo page.
    expect(await upgradeStatus(socketUrl, { origin: own })).toBe(101)

    // An admin widens it again; only a chat channel has websites.
    expect((await setup.api.patch(`/api/channels/${shop.id}`, { allowedOrigins: null })).status).toBe(200)
    expect(await upgradeStatus(socketUrl, { origin: 'https://evil.example' })).toBe(101)
    const notChat = await setup.api.patch(`/api/channels/${formChannelId}`, { allowedOrigins: ['https://shop.example'] })
    expect(notChat.status).toBe(400)
    const bad = await setup.api.post('/api/channels', {
      kind: 'chat',
      name: 'Bad',
      config: { allowedOrigins: ['https://shop.example/path'] },
    })
    expect(bad.status).toBe(400)
  })

  test('an unknown path is still a 404, whatever the origin', async () => {
    expect(await upgradeStatus(wsUrl(`/nowhere/${randomUUID()}`), { origin: own })).toBe(404)
  })
})
