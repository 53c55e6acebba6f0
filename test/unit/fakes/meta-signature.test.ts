import { once } from 'node:events'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { messengerText, metaJson, postSignedWebhook, signMetaBody, verifyWebhookSubscription } from '../../fakes/meta-webhooks.ts'

// Test vectors of the X-Hub-Signature-256 scheme.
const vectorBody =
  '{"object":"page","entry":[{"id":"111","time":1700000000000,"messaging":[{"sender":{"id":"222"},"recipient":{"id":"111"},"timestamp":1700000000000,"message":{"mid":"m_abc","text":"hi"}}]}]}'

test('signs the reference Messenger body as the reference says', () => {
  expect(Buffer.byteLength(vectorBody)).toBe(188)
  expect(signMetaBody(vectorBody, 'test_app_secret')).toBe(
    'sha256=73d0cb4b059dde4d52209725bad4dadb8468534b198acc817403fc6fe355697c',
  )
})

test('signs the escaped-unicode body as the reference says, and a literal ä differently', () => {
  expect(signMetaBody('{"text":"\\u00e4"}', 'test_app_secret')).toBe(
    'sha256=b57f4327e59118e07d95bdd54d114131251f3537026f50a5d4df2ce74c1baf7e',
  )
  const literal = signMetaBody('{"text":"ä"}', 'test_app_secret')
  expect(literal.startsWith('sha256=b5e56f99')).toBe(true)
  expect(literal.endsWith('921bc6')).toBe(true)
})

test('serialises non-ASCII as lowercase \\u escapes, emoji as two surrogate escapes', () => {
  expect(metaJson({ text: 'ä' })).toBe('{"text":"\\u00e4"}')
  expect(metaJson({ text: 'Grüße 👍 日本' })).toBe('{"text":"Gr\\u00fc\\u00dfe \\ud83d\\udc4d \\u65e5\\u672c"}')
  expect(JSON.parse(metaJson({ text: 'Grüße 👍' }))).toEqual({ text: 'Grüße 👍' })
  expect(metaJson({ text: 'ä' }, { escapeUnicode: false })).toBe('{"text":"ä"}')
  expect(metaJson({ url: 'https://x/y' }, { escapeSlashes: true })).toBe('{"url":"https:\\/\\/x\\/y"}')
})

interface Received {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}
const received: Received[] = []
let answers: number[] = []
let receiver: ReturnType<typeof createServer>
let receiverUrl: string

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk) => {
      body += chunk
    })
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body })
      const url = new URL(req.url!, 'http://x')
      if (req.method === 'GET') {
        const ok = url.searchParams.get('hub.verify_token') === 'vt' && url.searchParams.get('hub.mode') === 'subscribe'
        res.writeHead(ok ? 200 : 403).end(ok ? url.searchParams.get('hub.challenge') : 'no')
        return
      }
      res.writeHead(answers.shift() ?? 200, { 'content-type': 'application/json' }).end('{"ok":true}')
    })
  })
  receiver.listen(0, '127.0.0.1')
  await once(receiver, 'listening')
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
})
afterAll(() => {
  receiver.close()
})

test('posts escaped JSON to /webhooks/meta with both signature headers', async () => {
  received.length = 0
  const body = messengerText({ pageId: '111', psid: '222', text: 'Ça marche? 👍' })
  const posted = await postSignedWebhook(receiverUrl, body, 'test_app_secret')
  expect(posted).toMatchObject({ status: 200, body: { ok: true }, attempts: 1 })
  const [request] = received
  expect(request!.url).toBe('/webhooks/meta')
  expect(request!.body).toBe(posted.rawBody)
  expect(request!.body).toMatch(/^[\x20-\x7e]+$/)
  expect(request!.body).toContain('\\u00c7a marche? \\ud83d\\udc4d')
  expect(request!.headers['x-hub-signature-256']).toBe(signMetaBody(request!.body, 'test_app_secret'))
  expect(request!.headers['x-hub-signature']).toMatch(/^sha1=[0-9a-f]{40}$/)
  expect(request!.headers['content-type']).toBe('application/json')
  expect(JSON.parse(request!.body)).toEqual(body)
})

test('sends a string body byte for byte, keeps a full webhook url, and can sign wrongly or not at all', async () => {
  received.length = 0
  await postSignedWebhook(`${receiverUrl}/hooks/x`, '{"text":"ä"}', 's')
  await postSignedWebhook(receiverUrl, {}, 's', { signature: 'sha256=00' })
  await postSignedWebhook(receiverUrl, {}, 's', { signature: null })
  expect(received[0]).toMatchObject({ url: '/hooks/x', body: '{"text":"ä"}' })
  expect(received[0]!.headers['x-hub-signature-256']).toBe(signMetaBody('{"text":"ä"}', 's'))
  expect(received[1]!.headers['x-hub-signature-256']).toBe('sha256=00')
  expect(received[2]!.headers['x-hub-signature-256']).toBeUndefined()
})

test('retries until a 2xx on the given schedule, and returns the last failure when it runs out', async () => {
  received.length = 0
  answers = [500, 503]
  const posted = await postSignedWebhook(receiverUrl, { n: 1 }, 's', { retryDelaysMs: [5, 5, 5] })
  expect(posted).toMatchObject({ status: 200, attempts: 3 })
  expect(new Set(received.map((r) => r.body))).toEqual(new Set([posted.rawBody]))
  answers = [500, 500]
  const failed = await postSignedWebhook(receiverUrl, { n: 2 }, 's', { retryDelaysMs: [5] })
  expect(failed).toMatchObject({ status: 500, attempts: 2 })
})

test('throws when nothing answers', async () => {
  await expect(postSignedWebhook('http://127.0.0.1:1', {}, 's')).rejects.toThrow()
})

test('runs the GET verification handshake with the hub.* parameters', async () => {
  const good = await verifyWebhookSubscription(receiverUrl, 'vt', '1158201444')
  expect(good).toEqual({ status: 200, text: '1158201444', challenge: '1158201444' })
  const bad = await verifyWebhookSubscription(receiverUrl, 'wrong')
  expect(bad.status).toBe(403)
})
