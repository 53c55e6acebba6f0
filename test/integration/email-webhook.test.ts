// POST /webhooks/email/:channelId: raw RFC 822 mail forwarded over HTTP, authenticated by the channel's
// inboundSecret (stored encrypted, never returned). Runs with the SMTP listener off: the webhook does
// not need it. The size limit is SMTP_MAX_BYTES, here 1 MiB.
import { randomUUID } from 'node:crypto'
import { beforeAll, expect, test } from 'vitest'
import { createEmailChannel } from '../support/email-server.ts'
import { createFormChannel } from '../support/form-channel.ts'
import { useTestServer } from '../support/test-server.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useTestServer({ SMTP_MAX_BYTES: String(1024 * 1024) })

const secret = 'whsec-0123456789abcdef'
let channelId: string
let unsecuredId: string

beforeAll(async () => {
  channelId = await createEmailChannel(setup.api, { address: 'inbox@hooks.example', inboundSecret: secret })
  unsecuredId = await createEmailChannel(setup.api, { address: 'plain@hooks.example' })
})

function post(id: string, body: string, authorization?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'message/rfc822' }
  if (authorization) headers.authorization = authorization
  return fetch(`${setup.server.url}/webhooks/email/${id}`, { method: 'POST', headers, body })
}

const mail = (text: string, from = uniqueEmail()) =>
  `From: Lee <${from}>\r\nTo: inbox@hooks.example\r\nSubject: Forwarded\r\nMessage-ID: <${randomUUID()}@x>\r\n\r\n${text}\r\n`

async function ticketsWith(text: string) {
  return (await setup.api.get(`/api/tickets?channel=email&q=${encodeURIComponent(text)}`)).body.items
}

test('with the right secret the mail is stored and answered 202; a repeat is stored once', async () => {
  const from = uniqueEmail('lee')
  const body = mail('forwarded crane3301', from)
  const answer = await post(channelId, body, `Bearer ${secret}`)
  expect(answer.status).toBe(202)
  expect(await answer.json()).toEqual({ ok: true })
  expect((await post(channelId, body, `Bearer ${secret}`)).status).toBe(202)
  const tickets = await ticketsWith('crane3301')
  expect(tickets).toHaveLength(1)
  const detail = (await setup.api.get(`/api/tickets/${tickets[0].id}`)).body
  expect(detail.contact.email).toBe(from)
  expect(detail.messages).toHaveLength(1)
})

test('a wrong or missing secret gets 401 and nothing is stored', async () => {
  expect((await post(channelId, mail('stork1101'), 'Bearer whsec-wrong-wrong-wrong')).status).toBe(401)
  expect((await post(channelId, mail('stork1101'), `Bearer ${secret}x`)).status).toBe(401)
  expect((await post(channelId, mail('stork1101'), secret)).status).toBe(401)
  expect((await post(channelId, mail('stork1101'))).status).toBe(401)
  expect(await ticketsWith('stork1101')).toHaveLength(0)
})

test('a channel without a secret refuses with 403; an unknown or non-email channel is 404', async () => {
  expect((await post(unsecuredId, mail('x'), `Bearer ${secret}`)).status).toBe(403)
  expect((await post(randomUUID(), mail('x'), `Bearer ${secret}`)).status).toBe(404)
  expect((await post('not-an-id', mail('x'), `Bearer ${secret}`)).status).toBe(404)
  const formId = await createFormChannel(setup.api)
  expect((await post(formId, mail('x'), `Bearer ${secret}`)).status).toBe(404)
})

test('over the size limit is 413; no headers or an empty body is 400; a mail without a sender is kept', async () => {
  const big = mail('y'.repeat(1024 * 1024 + 10))
  expect((await post(channelId, big, `Bearer ${secret}`)).status).toBe(413)
  const noSender = await post(channelId, 'To: inbox@hooks.example\r\nSubject: who\r\n\r\nanonymous\r\n', `Bearer ${secret}`)
  expect(noSender.status).toBe(202)
  const noHeaders = await post(channelId, '\u0000\u0001 not a mail', `Bearer ${secret}`)
  expect(noHeaders.status).toBe(400)
  expect((await noHeaders.json()).error).toMatchObject({ code: 'invalid_input', details: { reason: 'unparseable' } })
  expect((await post(channelId, '', `Bearer ${secret}`)).status).toBe(400)
})

test('the secret is stored encrypted and never returned', async () => {
  const channels = (await setup.api.get('/api/channels')).body.items
  const channel = channels.find((c: { id: string }) => c.id === channelId)
  expect(channel.secretsSet).toEqual(['inboundSecret'])
  expect(JSON.stringify(channels)).not.toContain(secret)
})

test('a secret shorter than 16 characters is refused when the channel is created', async () => {
  const answer = await setup.api.post('/api/channels', {
    kind: 'email',
    name: 'x',
    config: { address: 'short@hooks.example', inboundSecret: 'short' },
  })
  expect(answer.status).toBe(400)
})
