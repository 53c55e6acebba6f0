// Identities by hand and undoing a merge: an agent links the email a customer gave in a chat to their
// profile, and a merge made by mistake can be taken back.
import { beforeAll, expect, test } from 'vitest'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { kindsAndValues } from '../support/identity-values.ts'
import { useTestServer } from '../support/test-server.ts'

const setup = useTestServer()

let formId: string

beforeAll(async () => {
  formId = await createFormChannel(setup.api)
})

async function customer(name: string, email: string, message: string) {
  await submitForm(setup.server.url, formId, { name, email, message })
  return (await setup.api.get(`/api/tickets?q=${encodeURIComponent(message)}`)).body.items[0]
}

test('an identity added by hand makes later messages from it land on the profile', async () => {
  const ticket = await customer('Aiko', 'aiko@example.jp', 'first question from aiko')
  const added = await setup.api.post(`/api/contacts/${ticket.contactId}/identities`, {
    kind: 'email',
    value: 'Aiko.Private@Example.JP',
  })
  expect(added.status).toBe(201)
  expect(added.body.identity).toEqual({ kind: 'email', value: 'aiko.private@example.jp' })
  const later = await customer('Aiko T.', 'aiko.private@example.jp', 'second question from her other address')
  expect(later.contactId).toBe(ticket.contactId)
})

test('refuses an identity another contact holds with 409, and an invalid phone with 400', async () => {
  const one = await customer('One', 'one@example.com', 'message from one')
  await customer('Two', 'two@example.com', 'message from two')
  const taken = await setup.api.post(`/api/contacts/${one.contactId}/identities`, { kind: 'email', value: 'two@example.com' })
  expect(taken.status).toBe(409)
  const phone = await setup.api.post(`/api/contacts/${one.contactId}/identities`, { kind: 'phone', value: '12' })
  expect(phone.status).toBe(400)
  const kind = await setup.api.post(`/api/contacts/${one.contactId}/identities`, { kind: 'fax', value: '1' })
  expect(kind.status).toBe(400)
})

test('undoes a merge: the merged contact comes back with its identities and tickets', async () => {
  const target = await customer('Target', 'target@example.com', 'target ticket')
  const source = await customer('Source', 'source@example.com', 'source ticket')
  expect((await setup.api.post(`/api/contacts/${target.contactId}/merge`, { sourceId: source.contactId })).status).toBe(200)
  expect((await setup.api.get(`/api/contacts/${source.contactId}`)).status).toBe(404)

  const undone = await setup.api.post(`/api/contacts/${source.contactId}/unmerge`)
  expect(undone.status).toBe(200)
  const restored = await setup.api.get(`/api/contacts/${source.contactId}`)
  expect(kindsAndValues(restored.body.identities)).toEqual([{ kind: 'email', value: 'source@example.com' }])
  expect(restored.body.tickets.map((t: { id: string }) => t.id)).toEqual([source.id])
  const kept = await setup.api.get(`/api/contacts/${target.contactId}`)
  expect(kindsAndValues(kept.body.identities)).toEqual([{ kind: 'email', value: 'target@example.com' }])
  // Mail from the source address lands on the source again.
  const again = await customer('Source', 'source@example.com', 'after the unmerge')
  expect(again.contactId).toBe(source.contactId)
  expect((await setup.api.post(`/api/contacts/${source.contactId}/unmerge`)).status).toBe(404)
})
