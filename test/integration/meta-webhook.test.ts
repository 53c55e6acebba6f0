// POST /webhooks/meta with bad input: each refusal has its status and a log line, and nothing valid in
// the same delivery is lost. Also the GET verification handshake.
import { request } from 'node:http'
import { beforeAll, expect, test } from 'vitest'
import {
  combineWebhooks,
  messengerText,
  metaJson,
  postSignedWebhook,
  signMetaBody,
  verifyWebhookSubscription,
  whatsappText,
} from '../fakes/meta-webhooks.ts'
import { appSecret, useMetaServer, verifyToken } from '../support/meta-server.ts'
import { startTestServer } from '../support/test-server.ts'

const setup = useMetaServer()
const pageId = '222000111'
const number = { phoneNumberId: '333000111' }

beforeAll(async () => {
  await setup.api.post('/api/channels', { kind: 'messenger', name: 'Page', config: { pageId, pageAccessToken: 't' } })
  await setup.api.post('/api/channels', {
    kind: 'whatsapp',
    name: 'WA',
    config: { ...number, businessAccountId: '9', accessToken: 't', displayPhoneNumber: '+1 555 0100' },
  })
})

const ticketsMatching = async (text: string) => (await setup.api.get(`/api/tickets?q=${encodeURIComponent(text)}`)).body.items
const postRaw = (raw: string, signature = signMetaBody(raw, appSecret)) =>
  fetch(`${setup.server.url}/webhooks/meta`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    body: raw,
  })

/** The answer to a POST that declares a body this large (the server refuses it before reading it). */
function statusOfDeclaredSize(bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${setup.server.url}/webhooks/meta`)
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': bytes },
      },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      },
    )
    req.on('error', reject)
    req.write('{"object":"page","entry":[')
  })
}

test('answers the verification handshake with the challenge, and 403 for a wrong token', async () => {
  const ok = await verifyWebhookSubscription(setup.server.url, verifyToken, '1158201444')
  expect(ok.status).toBe(200)
  expect(ok.text).toBe('1158201444')
  expect((await verifyWebhookSubscription(setup.server.url, 'wrong', '1')).status).toBe(403)
})

test('checks the signature over the raw bytes, accents and emoji included', async () => {
  await postSignedWebhook(setup.server.url, messengerText({ pageId, psid: '9001', text: 'Grüße aus Köln 👋' }), appSecret, {
    escapeUnicode: true,
  })
  expect(await ticketsMatching('Köln')).toHaveLength(1)
})

test('refuses a body that is not JSON or is cut short with 400, and a huge one with 413', async () => {
  expect((await postRaw('not json')).status).toBe(400)
  const truncated = metaJson(messengerText({ pageId, psid: '9002', text: 'cut short' })).slice(0, 60)
  const answer = await postRaw(truncated)
  expect(answer.status).toBe(400)
  expect((await answer.json()).error.code).toBe('malformed_json')
  expect(await statusOfDeclaredSize(5 * 1024 * 1024)).toBe(413)
  expect(await ticketsMatching('cut short')).toHaveLength(0)
})

test('keeps every valid message of a delivery whose other parts are unknown or malformed', async () => {
  const delivery = combineWebhooks([
    messengerText({ pageId, psid: '9003', text: 'first valid message' }),
    messengerText({ pageId: '999999', psid: '9004', text: 'for a page nobody has' }),
  ]) as { entry: { messaging: unknown[] }[] }
  delivery.entry[0]!.messaging.push({ sender: 'not an object', timestamp: 'soon' })
  expect((await postSignedWebhook(setup.server.url, delivery, appSecret)).status).toBe(200)
  expect(await ticketsMatching('first valid')).toHaveLength(1)
  expect(await ticketsMatching('nobody has')).toHaveLength(0)
  expect((await postSignedWebhook(setup.server.url, { object: 'unknown_product', entry: [] }, appSecret)).status).toBe(200)
})

test('keeps a message of a type it does not know as unsupported, with its payload', async () => {
  const delivery = whatsappText({ ...number, from: '4915112345678', text: 'x' }) as {
    entry: { changes: { value: { messages: Record<string, unknown>[] } }[] }[]
  }
  const message = delivery.entry[0]!.changes[0]!.value.messages[0]!
  delete message.text
  message.type = 'hologram'
  message.hologram = { beam: 'blue' }
  expect((await postSignedWebhook(setup.server.url, delivery, appSecret)).status).toBe(200)
  const tickets = (await setup.api.get('/api/tickets?channel=whatsapp')).body.items
  const detail = await setup.api.get(`/api/tickets/${tickets[0].id}`)
  expect(detail.body.messages[0].body).toContain('unsupported')
})

test('refuses deliveries while META_APP_SECRET is not set', async () => {
  const server = await startTestServer()
  try {
    const delivery = messengerText({ pageId, psid: '9005', text: 'hello' })
    const answer = await postSignedWebhook(server.url, delivery, appSecret)
    expect(answer.status).toBe(403)
  } finally {
    await server.stop()
  }
})
