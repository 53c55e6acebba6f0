// The fake's `GET /{waba-id}/message_templates`: Meta's page shape (data, paging.cursors, paging.next while
// more follow), 25 a page unless `limit` says otherwise, only the fields asked, the token checked as Meta
// does, and Graph's error for an account it does not know.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type FakeGraphApi, startFakeGraphApi } from '../../fakes/graph-api.ts'
import type { MetaTemplate } from '../../fakes/graph-templates.ts'

let fake: FakeGraphApi
const account = '102290129340398'
const templates: MetaTemplate[] = Array.from({ length: 30 }, (_, i) => ({
  name: `t_${i}`,
  language: 'en_US',
  status: i === 0 ? 'REJECTED' : 'APPROVED',
  category: 'UTILITY',
  components: [{ type: 'BODY', text: `Body ${i} {{1}}` }],
}))

beforeAll(async () => {
  fake = await startFakeGraphApi({ acceptedTokens: ['WABA_TOKEN'] })
  fake.setTemplates(account, templates)
})
afterAll(() => fake.close())

async function get(url: string, token: string | null = 'WABA_TOKEN') {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} })
  return { status: response.status, body: (await response.json()) as any }
}

test('pages 25 at a time with Meta’s cursors, and paging.next leads to the last page', async () => {
  const first = await get(`${fake.url}/v21.0/${account}/message_templates?fields=name,status,components`)
  expect(first.status).toBe(200)
  expect(first.body.data).toHaveLength(25)
  expect(first.body.data[0]).toEqual({
    id: expect.stringMatching(/^\d+$/),
    name: 't_0',
    status: 'REJECTED',
    components: [{ type: 'BODY', text: 'Body 0 {{1}}' }],
  })
  expect(first.body.paging.cursors).toEqual({ before: expect.any(String), after: expect.any(String) })
  const next = new URL(first.body.paging.next)
  expect(next.searchParams.get('after')).toBe(first.body.paging.cursors.after)
  expect(next.searchParams.get('fields')).toBe('name,status,components')
  const last = await get(first.body.paging.next)
  expect(last.body.data.map((t: { name: string }) => t.name)).toEqual(['t_25', 't_26', 't_27', 't_28', 't_29'])
  expect(last.body.paging.next).toBeUndefined()
  const all = await get(`${fake.url}/v21.0/${account}/message_templates?limit=100`)
  expect(all.body.data).toHaveLength(30)
  expect(Object.keys(all.body.data[0])).toEqual(['id'])
})

test('checks the token, and answers code 100/33 for an account it does not know', async () => {
  const missing = await get(`${fake.url}/v21.0/${account}/message_templates`, null)
  expect(missing.status).toBe(401)
  expect(missing.body.error.code).toBe(190)
  const wrong = await get(`${fake.url}/v21.0/${account}/message_templates`, 'OTHER')
  expect(wrong.body.error.code).toBe(190)
  const unknown = await get(`${fake.url}/v21.0/999/message_templates`)
  expect(unknown.status).toBe(400)
  expect(unknown.body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' })
})
