import { beforeAll, expect, test } from 'vitest'
import { createFormChannel } from '../support/form-channel.ts'
import { useTestServer } from '../support/test-server.ts'
import { allTickets, ticketFromForm } from '../support/ticket-lookup.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useTestServer()

const tickets: Record<string, any> = {}

// One ticket per case; a search must find exactly its ticket, so a match anywhere else would fail it.
const cases = [
  { name: 'a Japanese word inside a sentence', field: 'message', text: '配送が遅れています。いつ届きますか？', q: '配送' },
  { name: 'a Chinese word inside a sentence', field: 'message', text: '我想申请退款，谢谢你们的帮助。', q: '退款' },
  { name: 'a Thai word inside a sentence without spaces', field: 'message', text: 'ฉันยังไม่ได้รับพัสดุของฉันเลยค่ะ', q: 'พัสดุ' },
  { name: 'a Korean word with a particle attached', field: 'message', text: '환불이 아직 처리되지 않았어요', q: '환불' },
  { name: 'an English word inside a sentence', field: 'message', text: 'The blender arrived with a cracked lid.', q: 'BLENDER' },
  { name: 'a word of the subject', field: 'subject', text: 'Warranty question', q: 'warranty' },
  { name: 'a word of a note', field: 'note', text: 'Escalated to the 物流チーム on Monday', q: '物流' },
  { name: 'a contact’s name in Japanese', field: 'name', text: '佐々木 健太', q: '佐々木' },
  { name: 'a contact’s name in Latin script with accents', field: 'name', text: 'Zoë Brønstad', q: 'brønstad' },
] as const

beforeAll(async () => {
  const channelId = await createFormChannel(setup.api)
  for (const c of cases) {
    const submission = {
      name: c.field === 'name' ? c.text : 'Customer',
      email: uniqueEmail(),
      subject: c.field === 'subject' ? c.text : 'Hello',
      message: c.field === 'message' ? c.text : 'Nothing special here',
    }
    const ticket = await ticketFromForm(setup.api, channelId, submission)
    if (c.field === 'note') await setup.api.post(`/api/tickets/${ticket.id}/notes`, { body: c.text })
    tickets[c.name] = ticket
  }
})

test.each(cases)('finds $name', async (c) => {
  const found = await allTickets(setup.api, `q=${encodeURIComponent(c.q)}`)
  expect(found.map((t) => t.id)).toEqual([tickets[c.name].id])
})

test('finds nothing when the word appears nowhere', async () => {
  for (const q of ['返品', 'xylophone', 'ส้มตำ']) expect(await allTickets(setup.api, `q=${encodeURIComponent(q)}`)).toEqual([])
})

test('requires every word of the query to match', async () => {
  expect(await allTickets(setup.api, `q=${encodeURIComponent('blender refund')}`)).toEqual([])
  const both = await allTickets(setup.api, `q=${encodeURIComponent('cracked lid')}`)
  expect(both.map((t) => t.id)).toEqual([tickets['an English word inside a sentence'].id])
})

test('answers 200 without error when the query is only punctuation', async () => {
  for (const q of ['!!!', '、。？', '-', '"\'&|!(*)']) {
    const response = await setup.api.get(`/api/tickets?q=${encodeURIComponent(q)}`)
    expect({ q, status: response.status }).toEqual({ q, status: 200 })
    expect(Array.isArray(response.body.items)).toBe(true)
  }
})
