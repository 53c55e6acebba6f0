import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'
import { type FakeGraphApi, startFakeGraphApi } from '../../fakes/graph-api.ts'
import { graphErrors } from '../../fakes/graph-errors.ts'

let fake: FakeGraphApi
beforeAll(async () => {
  fake = await startFakeGraphApi()
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())

async function messenger() {
  const response = await fetch(`${fake.url}/v21.0/me/messages?access_token=T`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ recipient: { id: '7' }, message: { text: 'hi' } }),
  })
  return { status: response.status, body: (await response.json()) as any }
}
async function whatsapp() {
  const response = await fetch(`${fake.url}/v21.0/106540352242922/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer T' },
    body: JSON.stringify({ messaging_product: 'whatsapp', to: '16505551234', type: 'text', text: { body: 'hi' } }),
  })
  return { status: response.status, body: (await response.json()) as any }
}

const expectedCodes: [keyof typeof graphErrors, number, number?][] = [
  ['expiredToken', 190, 463],
  ['appRateLimit', 4],
  ['pageRateLimit', 613],
  ['whatsappThroughput', 130429],
  ['whatsappPairRateLimit', 131056],
  ['temporarilyUnavailable', 2],
  ['whatsappUndeliverable', 131026],
  ['invalidParameter', 100],
  ['messengerOutsideWindow', 10, 2018278],
  ['instagramOutsideWindow', 10, 2534022],
  ['privateReplyUsed', 100, 2534025],
  ['whatsappReEngagement', 131047],
]

test.each(expectedCodes)('answers the %s preset in Meta error envelope (code %i)', async (name, code, subcode) => {
  const preset = graphErrors[name]
  fake.inject(preset)
  const answer = await whatsapp()
  expect(answer.status).toBe(preset.status)
  expect(answer.body).toEqual({ error: { ...preset.error, fbtrace_id: expect.stringMatching(/^[\w-]{10,}$/) } })
  expect(answer.body.error.code).toBe(code)
  expect(answer.body.error.error_subcode).toBe(subcode)
  expect(answer.body.error.type).toBe('OAuthException')
  expect((await whatsapp()).status).toBe(200)
})

test('marks transient errors, and WhatsApp ones carry error_data with a (#code) message', () => {
  expect(graphErrors.temporarilyUnavailable.error.is_transient).toBe(true)
  expect(graphErrors.expiredToken.status).toBe(401)
  for (const name of ['whatsappThroughput', 'whatsappPairRateLimit', 'whatsappUndeliverable', 'whatsappReEngagement'] as const) {
    const { error } = graphErrors[name]
    expect(error.message.startsWith(`(#${error.code}) `)).toBe(true)
    expect(error.error_data).toEqual({ messaging_product: 'whatsapp', details: expect.any(String) })
  }
})

test('fails only matching requests, as many times as asked, and still captures them', async () => {
  fake.inject({ ...graphErrors.pageRateLimit, match: (request) => request.path.endsWith('/me/messages'), times: 2 })
  expect((await whatsapp()).status).toBe(200)
  expect((await messenger()).body.error.code).toBe(613)
  expect((await messenger()).body.error.code).toBe(613)
  expect((await messenger()).status).toBe(200)
  expect(fake.requests.map((r) => r.response?.status)).toEqual([200, 400, 400, 200])
})

test('can fail every request, with any status and a custom error', async () => {
  fake.inject({
    status: 500,
    error: { message: 'An unexpected error has occurred.', type: 'OAuthException', code: 1, is_transient: true },
    times: Infinity,
  })
  for (let i = 0; i < 3; i++)
    expect(await messenger()).toMatchObject({ status: 500, body: { error: { code: 1, is_transient: true } } })
  fake.reset()
  expect((await messenger()).status).toBe(200)
})

test('injected errors take precedence over the token check, in the order they were added', async () => {
  fake.inject({ ...graphErrors.appRateLimit })
  fake.inject({ ...graphErrors.temporarilyUnavailable })
  const noToken = await fetch(`${fake.url}/v21.0/me/messages`, { method: 'POST', body: '{}' })
  expect(((await noToken.json()) as any).error.code).toBe(4)
  expect((await messenger()).body.error.code).toBe(2)
})
