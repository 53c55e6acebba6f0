import { expect, test } from 'vitest'
import { ApiClient } from '../support/api-client.ts'
import { useTestServer } from '../support/test-server.ts'

const setup = useTestServer()

test('a form submission in Japanese becomes a ticket found by a word of it', async () => {
  const api = await new ApiClient(setup.server.url).login()
  const channel = await api.post('/api/channels', { kind: 'form', name: 'Site', config: {} })
  expect(channel.status).toBe(201)
  const submitted = await api.post(`/webhooks/form/${channel.body.channel.id}`, {
    name: '山田 太郎',
    email: 'taro@example.jp',
    message: '注文した商品がまだ届いていません。',
  })
  expect(submitted.status).toBe(201)
  const found = await api.get('/api/tickets?q=' + encodeURIComponent('商品'))
  expect(found.body.items).toHaveLength(1)
  expect(found.body.items[0].number).toBe(submitted.body.ticketNumber)
})
