import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'
import { type FakeGraphApi, startFakeGraphApi } from '../../fakes/graph-api.ts'

let fake: FakeGraphApi
beforeAll(async () => {
  fake = await startFakeGraphApi()
})
afterAll(() => fake.close())
beforeEach(() => {
  fake.reset()
  fake.setMode({ window: null, acceptedTokens: null })
})

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const form = body instanceof URLSearchParams
  const response = await fetch(fake.url + path, {
    method: 'POST',
    headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json', ...headers },
    body: form ? body.toString() : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as any }
}

const dm = { recipient: { id: '7392015648120394' }, messaging_type: 'RESPONSE', message: { text: 'Hi! How can we help?' } }

test('sends a Messenger message to /me/messages with the token in the query, any version', async () => {
  const answer = await post('/v21.0/me/messages?access_token=PAGE_TOKEN', dm)
  expect(answer.status).toBe(200)
  expect(answer.body).toEqual({ recipient_id: '7392015648120394', message_id: expect.stringMatching(/^m_[\w-]{20,}$/) })
  const again = await post('/v99.9/102938475610293/messages', dm, { authorization: 'Bearer PAGE_TOKEN' })
  expect(again.status).toBe(200)
  expect(again.body.message_id).not.toBe(answer.body.message_id)
})

test('captures method, path, query, headers, token and the parsed body of every request', async () => {
  await post('/v21.0/me/messages?access_token=PAGE_TOKEN', dm, { 'x-extra': '1' })
  expect(fake.requests).toHaveLength(1)
  const [request] = fake.requests
  expect(request).toMatchObject({
    method: 'POST',
    path: '/v21.0/me/messages',
    query: { access_token: 'PAGE_TOKEN' },
    token: 'PAGE_TOKEN',
    body: dm,
    rawBody: JSON.stringify(dm),
    response: { status: 200 },
  })
  expect(request!.headers['x-extra']).toBe('1')
})

test('reads a form-encoded send whose values are JSON strings, token in the form', async () => {
  const form = new URLSearchParams({
    recipient: JSON.stringify({ id: '42' }),
    message: JSON.stringify({ text: 'hello' }),
    messaging_type: 'RESPONSE',
    access_token: 'T',
  })
  const answer = await post('/v21.0/me/messages', form)
  expect(answer.status).toBe(200)
  expect(answer.body.recipient_id).toBe('42')
  expect(fake.requests[0]!.body).toMatchObject({
    recipient: { id: '42' },
    message: { text: 'hello' },
    messaging_type: 'RESPONSE',
  })
})

test('refuses a request without a token with 190 in an HTTP 401, and unknown tokens when told which to accept', async () => {
  const missing = await post('/v21.0/me/messages', dm)
  expect(missing.status).toBe(401)
  expect(missing.body.error).toMatchObject({ type: 'OAuthException', code: 190, fbtrace_id: expect.any(String) })
  fake.setMode({ acceptedTokens: ['GOOD'] })
  expect((await post('/v21.0/me/messages?access_token=BAD', dm)).body.error.code).toBe(190)
  expect((await post('/v21.0/me/messages?access_token=GOOD', dm)).status).toBe(200)
})

test('answers a sender action with only the recipient id', async () => {
  const answer = await post('/v21.0/me/messages?access_token=T', { recipient: { id: '7' }, sender_action: 'mark_seen' })
  expect(answer).toEqual({ status: 200, body: { recipient_id: '7' } })
})

test('refuses malformed sends with code 100', async () => {
  const cases = [
    { message: { text: 'no recipient' } },
    { recipient: { id: '7' } },
    { recipient: { id: '7' }, message: { text: 'x', attachment: { type: 'image', payload: { url: 'https://a' } } } },
    { recipient: { id: '7' }, message: { text: 'x'.repeat(2001) } },
    { recipient: { id: '7' }, messaging_type: 'MESSAGE_TAG', message: { text: 'x' } },
    { recipient: { id: '7' }, sender_action: 'dance' },
  ]
  for (const body of cases) {
    const answer = await post('/v21.0/me/messages?access_token=T', body)
    expect(answer.status, JSON.stringify(body)).toBe(400)
    expect(answer.body.error).toMatchObject({ code: 100, type: 'OAuthException', message: expect.stringMatching(/^\(#100\) /) })
  }
  const missing = await post('/v21.0/me/messages?access_token=T', { message: { text: 'x' } })
  expect(missing.body.error.message).toBe('(#100) The parameter recipient is required.')
})

test('sends an attachment by url', async () => {
  const body = {
    recipient: { id: '7' },
    message: { attachment: { type: 'image', payload: { url: 'https://x/y.png', is_reusable: true } } },
  }
  expect((await post('/v21.0/me/messages?access_token=T', body)).status).toBe(200)
})

test('allows one private reply per comment; the second gets subcode 2534025', async () => {
  const reply = { recipient: { comment_id: '17900000000000001' }, message: { text: 'Hi Dana!' } }
  const first = await post('/v21.0/me/messages?access_token=T', reply)
  expect(first.status).toBe(200)
  expect(first.body.message_id).toMatch(/^m_/)
  const second = await post('/v21.0/17841400000000000/messages', reply, { authorization: 'Bearer T' })
  expect(second.status).toBe(400)
  expect(second.body.error).toMatchObject({ code: 100, error_subcode: 2534025 })
  const other = await post('/v21.0/me/messages?access_token=T', { ...reply, recipient: { comment_id: '17900000000000002' } })
  expect(other.status).toBe(200)
})

test('replies publicly to a comment with the message in the query or the body', async () => {
  const byQuery = await post('/v21.0/17900000000000001/replies?message=Thanks%20for%20asking!&access_token=T', null)
  expect(byQuery).toEqual({ status: 200, body: { id: expect.stringMatching(/^\d{17}$/) } })
  const byForm = await post('/v21.0/17900000000000001/replies', new URLSearchParams({ message: 'Thanks', access_token: 'T' }))
  expect(byForm.status).toBe(200)
  const byJson = await post('/v21.0/17900000000000001/replies', { message: 'Thanks' }, { authorization: 'Bearer T' })
  expect(byJson.status).toBe(200)
  expect(fake.requests[0]!.query.message).toBe('Thanks for asking!')
  const none = await post('/v21.0/17900000000000001/replies?access_token=T', {})
  expect(none.body.error).toMatchObject({ code: 100, message: '(#100) The parameter message is required.' })
})

test('enforces the Messenger and Instagram windows when told to: 24 h, or 7 days with HUMAN_AGENT', async () => {
  const hour = 3_600_000
  fake.setMode({
    window: {
      whatsapp: 'sync',
      lastCustomerMessageAt: {
        fresh: Date.now() - hour,
        stale: Date.now() - 25 * hour,
        old: new Date(Date.now() - 8 * 24 * hour),
        ig: 0,
      },
      instagramUserIds: ['ig'],
    },
  })
  const send = (id: string, extra: object = {}) =>
    post('/v21.0/me/messages?access_token=T', { recipient: { id }, message: { text: 'x' }, ...extra })
  const humanAgent = { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }
  expect((await send('fresh')).status).toBe(200)
  expect((await send('stale')).body.error).toMatchObject({ code: 10, error_subcode: 2018278 })
  expect((await send('never')).body.error).toMatchObject({ code: 10, error_subcode: 2018278 })
  expect((await send('ig')).body.error).toMatchObject({ code: 10, error_subcode: 2534022 })
  expect((await send('stale', humanAgent)).status).toBe(200)
  expect((await send('old', humanAgent)).body.error).toMatchObject({ code: 10, error_subcode: 2018278 })
  expect(
    (await post('/v21.0/me/messages?access_token=T', { recipient: { comment_id: 'c1' }, message: { text: 'x' } })).status,
  ).toBe(200)
})

test('answers an unknown path with a Graph error', async () => {
  const response = await fetch(`${fake.url}/v21.0/a/b/c?access_token=T`)
  expect(response.status).toBe(400)
  expect(((await response.json()) as any).error).toMatchObject({ code: 2500, message: expect.stringContaining('/v21.0/a/b/c') })
})
