import { beforeAll, describe, expect, test } from 'vitest'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { kindsAndValues } from '../support/identity-values.ts'
import { useTestServer } from '../support/test-server.ts'
import { allTickets, ticketFromForm } from '../support/ticket-lookup.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useTestServer()

let channelId: string

beforeAll(async () => {
  channelId = await createFormChannel(setup.api)
})

const contactOf = async (submission: { name: string; email: string; phone?: string; message?: string }) => {
  const ticket = await ticketFromForm(setup.api, channelId, { message: `Hello from ${submission.name}`, ...submission })
  return { contactId: ticket.contactId as string, ticket }
}
const listed = async (q: string) =>
  (await setup.api.get(`/api/contacts?q=${encodeURIComponent(q)}`)).body.items.map((c: any) => c.id)

describe('list and search', () => {
  let japanese: string
  let latin: string
  let phoned: string
  let latinEmail: string

  beforeAll(async () => {
    japanese = (await contactOf({ name: '高橋 美咲', email: uniqueEmail() })).contactId
    latinEmail = uniqueEmail('ingrid')
    latin = (await contactOf({ name: 'Ingrid Østergård', email: latinEmail })).contactId
    phoned = (await contactOf({ name: 'Phone Person', email: uniqueEmail(), phone: '+1 (415) 555-2671' })).contactId
  })

  test('lists contacts, newest first', async () => {
    const response = await setup.api.get('/api/contacts')
    expect(response.status).toBe(200)
    const ids = response.body.items.map((c: any) => c.id)
    expect(ids.indexOf(phoned)).toBeLessThan(ids.indexOf(latin))
    expect(ids.indexOf(latin)).toBeLessThan(ids.indexOf(japanese))
  })

  test('finds a contact by a name in any language', async () => {
    expect(await listed('高橋')).toEqual([japanese])
    expect(await listed('美咲')).toEqual([japanese])
    expect(await listed('østergård')).toEqual([latin])
  })

  test('finds a contact by email and by phone digits', async () => {
    expect(await listed(latinEmail)).toEqual([latin])
    expect(await listed('4155552671')).toEqual([phoned])
    expect(await listed('+1 415-555-2671')).toEqual([phoned])
    expect(await listed('5552671')).toEqual([phoned])
  })

  test('walks every contact exactly once with limit=2, and refuses a bad cursor with 400', async () => {
    const everyone = (await setup.api.get('/api/contacts?limit=200')).body.items.map((c: any) => c.id)
    const walked: string[] = []
    let cursor: string | null = null
    do {
      const page: any = await setup.api.get(`/api/contacts?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      expect(page.status).toBe(200)
      walked.push(...page.body.items.map((c: any) => c.id))
      cursor = page.body.nextCursor
    } while (cursor)
    expect(walked).toEqual(everyone)
    expect((await setup.api.get('/api/contacts?cursor=bogus')).status).toBe(400)
  })

  test('finds nobody when nothing matches', async () => {
    expect(await listed('Nobody Atall')).toEqual([])
    expect(await listed('99999999')).toEqual([])
  })
})

test('answers a contact with its identities and tickets, and 404 for an unknown one', async () => {
  const email = uniqueEmail()
  const { contactId, ticket } = await contactOf({ name: 'Detail', email, phone: '+33 6 12 34 56 78' })
  const profile = await setup.api.get(`/api/contacts/${contactId}`)
  expect(profile.status).toBe(200)
  expect(profile.body.contact).toMatchObject({ id: contactId, name: 'Detail', email, phone: '+33612345678' })
  expect(kindsAndValues(profile.body.identities)).toEqual([
    { kind: 'email', value: email },
    { kind: 'phone', value: '+33612345678' },
  ])
  expect(profile.body.tickets.map((t: any) => t.id)).toEqual([ticket.id])
  for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
    const unknown = await setup.api.get(`/api/contacts/${id}`)
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('not_found')
  }
})

describe('merge', () => {
  test('moves the source’s identities and tickets to the target and retires the source', async () => {
    const target = await contactOf({ name: 'Mia Target', email: uniqueEmail('mia') })
    const sourceEmail = uniqueEmail('mia-work')
    const source = await contactOf({ name: 'Mia Work', email: sourceEmail, phone: '+49 30 901820' })
    const merged = await setup.api.post(`/api/contacts/${target.contactId}/merge`, { sourceId: source.contactId })
    expect(merged.status).toBe(200)
    expect(merged.body.contact).toMatchObject({ id: target.contactId, name: 'Mia Target', phone: '+4930901820' })

    const profile = (await setup.api.get(`/api/contacts/${target.contactId}`)).body
    expect(kindsAndValues(profile.identities)).toEqual(
      expect.arrayContaining([
        { kind: 'email', value: sourceEmail },
        { kind: 'phone', value: '+4930901820' },
      ]),
    )
    expect(profile.identities).toHaveLength(3)
    expect(profile.tickets.map((t: any) => t.id).sort()).toEqual([target.ticket.id, source.ticket.id].sort())
    expect((await allTickets(setup.api, `contactId=${source.contactId}`)).length).toBe(0)
    expect((await allTickets(setup.api, `contactId=${target.contactId}`)).length).toBe(2)

    expect((await setup.api.get(`/api/contacts/${source.contactId}`)).status).toBe(404)
    expect(await listed('Mia')).toEqual([target.contactId])
    const all = (await setup.api.get('/api/contacts?limit=200')).body.items.map((c: any) => c.id)
    expect(all).not.toContain(source.contactId)
  })

  test('lands a later message from a moved identity on the target', async () => {
    const target = await contactOf({ name: 'Later Target', email: uniqueEmail() })
    const sourceEmail = uniqueEmail()
    const source = await contactOf({ name: 'Later Source', email: sourceEmail })
    await setup.api.post(`/api/contacts/${target.contactId}/merge`, { sourceId: source.contactId })
    const response = await submitForm(setup.server.url, channelId, {
      name: 'Later Source',
      email: sourceEmail,
      message: 'Me again',
    })
    const tickets = await allTickets(setup.api, `contactId=${target.contactId}`)
    expect(tickets.map((t) => t.number)).toContain(response.body.ticketNumber)
  })

  test('refuses to merge a contact into itself with 400', async () => {
    const { contactId } = await contactOf({ name: 'Self', email: uniqueEmail() })
    const response = await setup.api.post(`/api/contacts/${contactId}/merge`, { sourceId: contactId })
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('invalid_input')
    expect((await setup.api.get(`/api/contacts/${contactId}`)).status).toBe(200)
  })

  test('answers 404 for an unknown or already merged source or target', async () => {
    const target = await contactOf({ name: 'Known', email: uniqueEmail() })
    const source = await contactOf({ name: 'Gone', email: uniqueEmail() })
    const missing = '00000000-0000-4000-8000-000000000000'
    expect((await setup.api.post(`/api/contacts/${target.contactId}/merge`, { sourceId: missing })).status).toBe(404)
    expect((await setup.api.post(`/api/contacts/${missing}/merge`, { sourceId: target.contactId })).status).toBe(404)
    expect((await setup.api.post(`/api/contacts/${target.contactId}/merge`, { sourceId: source.contactId })).status).toBe(200)
    const again = await setup.api.post(`/api/contacts/${target.contactId}/merge`, { sourceId: source.contactId })
    expect(again.status).toBe(404)
    expect(again.body.error.code).toBe('not_found')
  })
})
