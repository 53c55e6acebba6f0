import { beforeAll, describe, expect, test } from 'vitest'
import { createFormChannel, submitForm, submitHtmlForm } from '../support/form-channel.ts'
import { kindsAndValues } from '../support/identity-values.ts'
import { useTestServer } from '../support/test-server.ts'
import { allTickets, ticketByNumber } from '../support/ticket-lookup.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useTestServer()

let channelId: string

beforeAll(async () => {
  channelId = await createFormChannel(setup.api)
})

const ticketCount = async () => (await allTickets(setup.api)).length

describe('accepted submissions', () => {
  test('makes a ticket from a JSON submission', async () => {
    const email = uniqueEmail()
    const response = await submitForm(setup.server.url, channelId, {
      name: 'Jo',
      email,
      subject: 'Broken zip',
      message: 'The zip breaks.',
    })
    expect(response.status).toBe(201)
    expect(response.body).toEqual({ ok: true, ticketNumber: expect.any(Number) })
    const ticket = await ticketByNumber(setup.api, response.body.ticketNumber)
    expect(ticket).toMatchObject({ subject: 'Broken zip', status: 'open', channelId, channelKind: 'form' })
    const detail = await setup.api.get(`/api/tickets/${ticket.id}`)
    expect(detail.body.contact).toMatchObject({ name: 'Jo', email })
    expect(detail.body.messages).toMatchObject([
      { kind: 'message', direction: 'inbound', authorType: 'contact', body: 'The zip breaks.', status: 'received' },
    ])
  })

  test('makes a ticket from a form-encoded submission and answers JSON when HTML is not asked for', async () => {
    const response = await submitHtmlForm(setup.server.url, channelId, {
      name: 'Ré',
      email: uniqueEmail(),
      message: 'Ça marche pas',
    })
    expect(response.status).toBe(201)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const ticket = await ticketByNumber(setup.api, response.body.ticketNumber)
    expect(ticket.lastMessagePreview).toBe('Ça marche pas')
  })

  test('answers an HTML thank-you page when a form-encoded post accepts text/html', async () => {
    const before = await ticketCount()
    const response = await submitHtmlForm(
      setup.server.url,
      channelId,
      { name: 'Web', email: uniqueEmail(), message: 'From a plain HTML form' },
      { accept: 'text/html,application/xhtml+xml' },
    )
    expect(response.status).toBe(201)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(response.body).toMatch(/thank you/i)
    expect(await ticketCount()).toBe(before + 1)
  })

  test('answers 201 but stores nothing when the honeypot field is filled', async () => {
    const before = await allTickets(setup.api)
    const email = uniqueEmail('bot')
    const json = await submitForm(setup.server.url, channelId, { name: 'Bot', email, message: 'Buy now', website: 'http://spam' })
    expect(json.status).toBe(201)
    expect(json.body.ok).toBe(true)
    const html = await submitHtmlForm(setup.server.url, channelId, { name: 'Bot', email, message: 'Buy', website: 'x' })
    expect(html.status).toBe(201)
    // Compared by id: a ticket's priority score moves as it waits.
    const ids = (tickets: { id: string }[]) => tickets.map((t) => t.id)
    expect(ids(await allTickets(setup.api))).toEqual(ids(before))
    expect((await setup.api.get(`/api/contacts?q=${encodeURIComponent(email)}`)).body.items).toEqual([])
  })
})

describe('refused submissions', () => {
  test('answers 404 JSON for an unknown, a malformed or a non-form channel id', async () => {
    const chat = (await setup.api.post('/api/channels', { kind: 'chat', name: 'Chat', config: {} })).body.channel.id
    const submission = { name: 'A', email: uniqueEmail(), message: 'Hello' }
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id', chat]) {
      const response = await submitForm(setup.server.url, id, submission)
      expect(response.status).toBe(404)
      expect(response.headers.get('content-type')).toMatch(/^application\/json/)
      expect(response.body.error.code).toBe('not_found')
    }
  })

  test.each([
    ['a missing message', { name: 'A', email: 'a@example.com' }, 'message'],
    ['a bad email', { name: 'A', email: 'not-an-email', message: 'Hi' }, 'email'],
    ['a message of the wrong type', { name: 'A', email: 'a@example.com', message: 42 }, 'message'],
    ['a blank message', { name: 'A', email: 'a@example.com', message: '   ' }, 'message'],
  ])('answers 400 with details and stores nothing for %s', async (_, submission, path) => {
    const before = await ticketCount()
    const response = await submitForm(setup.server.url, channelId, submission)
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('invalid_input')
    expect(response.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]))
    expect(await ticketCount()).toBe(before)
  })

  test('answers 400 with details for a form-encoded post missing its email', async () => {
    const response = await submitHtmlForm(setup.server.url, channelId, { name: 'A', message: 'Hi' }, { accept: 'text/html' })
    expect(response.status).toBe(400)
    expect(response.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'email' })]))
  })

  test('answers 400 malformed_json for a body that is not JSON', async () => {
    const response = await submitForm(setup.server.url, channelId, '{"name": "A", "email":', {})
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('malformed_json')
  })

  test('answers 415 for a content type that is neither JSON nor a form', async () => {
    const response = await submitForm(setup.server.url, channelId, 'name=A&email=a@example.com&message=Hi', {
      'content-type': 'text/plain',
    })
    expect(response.status).toBe(415)
    expect(response.body.error.code).toBe('unsupported_media_type')
  })

  test('answers 413 and closes the connection for a body over 1 MiB, with or without a Content-Length', async () => {
    const before = await ticketCount()
    const big = JSON.stringify({ name: 'A', email: uniqueEmail(), message: 'x'.repeat(1024 * 1024) })
    const sized = await submitForm(setup.server.url, channelId, big)
    expect(sized.status).toBe(413)
    expect(sized.body.error.code).toBe('payload_too_large')
    // The unread rest of the body makes the connection unusable; a client reusing it would fail.
    expect(sized.headers.get('connection')).toBe('close')
    const chunks = [big.slice(0, 600_000), big.slice(600_000)].map((part) => new TextEncoder().encode(part))
    const streamed = await fetch(`${setup.server.url}/webhooks/form/${channelId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        pull(controller) {
          const next = chunks.shift()
          if (next) controller.enqueue(next)
          else controller.close()
        },
      }),
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
    expect(await ticketCount()).toBe(before)
  })
})

describe('duplicates', () => {
  test('stores a double-clicked submission once', async () => {
    const submission = { name: 'Double', email: uniqueEmail(), message: 'Clicked twice' }
    const [first, second] = await Promise.all([
      submitForm(setup.server.url, channelId, submission),
      submitForm(setup.server.url, channelId, submission),
    ])
    const third = await submitForm(setup.server.url, channelId, submission)
    expect([first!.status, second!.status, third.status]).toEqual([201, 201, 201])
    expect(second!.body.ticketNumber).toBe(first!.body.ticketNumber)
    expect(third.body.ticketNumber).toBe(first!.body.ticketNumber)
    const ticket = await ticketByNumber(setup.api, first!.body.ticketNumber)
    expect((await setup.api.get(`/api/tickets/${ticket.id}`)).body.messages).toHaveLength(1)
  })

  test('stores once two posts with the same Idempotency-Key', async () => {
    const email = uniqueEmail()
    const headers = { 'idempotency-key': `key-${email}` }
    const first = await submitForm(setup.server.url, channelId, { name: 'K', email, message: 'First try' }, headers)
    const retry = await submitForm(setup.server.url, channelId, { name: 'K', email, message: 'First try, edited' }, headers)
    expect(retry.status).toBe(201)
    expect(retry.body.ticketNumber).toBe(first.body.ticketNumber)
    const ticket = await ticketByNumber(setup.api, first.body.ticketNumber)
    const { messages } = (await setup.api.get(`/api/tickets/${ticket.id}`)).body
    expect(messages.map((m: any) => m.body)).toEqual(['First try'])
  })
})

describe('contacts from submissions', () => {
  test('links the email and the phone in E.164 to one contact', async () => {
    const email = uniqueEmail()
    const response = await submitForm(setup.server.url, channelId, {
      name: 'Phoebe',
      email,
      phone: '+44 20 7946 0958',
      message: 'Call me',
    })
    const ticket = await ticketByNumber(setup.api, response.body.ticketNumber)
    const profile = await setup.api.get(`/api/contacts/${ticket.contactId}`)
    expect(profile.status).toBe(200)
    expect(profile.body.contact).toMatchObject({ name: 'Phoebe', email, phone: '+442079460958' })
    expect(kindsAndValues(profile.body.identities)).toEqual(
      expect.arrayContaining([
        { kind: 'email', value: email },
        { kind: 'phone', value: '+442079460958' },
      ]),
    )
    expect(profile.body.identities).toHaveLength(2)
  })

  test('joins a later submission with the same phone but another email to the same contact', async () => {
    const first = await submitForm(setup.server.url, channelId, {
      name: 'Pat',
      email: uniqueEmail('home'),
      phone: '+81 90-1234-5678',
      message: 'From home',
    })
    const work = uniqueEmail('work')
    const second = await submitForm(setup.server.url, channelId, {
      name: 'Pat',
      email: work,
      phone: '+819012345678',
      message: 'From work',
    })
    const a = await ticketByNumber(setup.api, first.body.ticketNumber)
    const b = await ticketByNumber(setup.api, second.body.ticketNumber)
    expect(b.contactId).toBe(a.contactId)
    const { identities } = (await setup.api.get(`/api/contacts/${a.contactId}`)).body
    expect(kindsAndValues(identities)).toEqual(
      expect.arrayContaining([
        { kind: 'email', value: work },
        { kind: 'phone', value: '+819012345678' },
      ]),
    )
    expect(identities.filter((i: any) => i.kind === 'phone')).toHaveLength(1)
  })

  test('makes one contact and one ticket when a new customer’s messages arrive at once', async () => {
    const email = uniqueEmail('burst')
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        submitForm(setup.server.url, channelId, { name: 'Quick', email, message: `Part ${i}` }),
      ),
    )
    expect(new Set(answers.map((a) => a.body.ticketNumber)).size).toBe(1)
    const ticket = await ticketByNumber(setup.api, answers[0]!.body.ticketNumber)
    expect((await setup.api.get(`/api/tickets/${ticket.id}`)).body.messages).toHaveLength(10)
    expect((await setup.api.get(`/api/contacts?q=${encodeURIComponent(email)}`)).body.items).toHaveLength(1)
  })

  test('matches emails whatever their letter case', async () => {
    const email = uniqueEmail('case')
    const first = await submitForm(setup.server.url, channelId, { name: 'Case', email, message: 'lower' })
    const second = await submitForm(setup.server.url, channelId, {
      name: 'Case',
      email: `  ${email.toUpperCase()} `,
      message: 'UPPER',
    })
    const a = await ticketByNumber(setup.api, first.body.ticketNumber)
    const b = await ticketByNumber(setup.api, second.body.ticketNumber)
    expect(b.contactId).toBe(a.contactId)
    const { identities } = (await setup.api.get(`/api/contacts/${a.contactId}`)).body
    expect(kindsAndValues(identities)).toEqual([{ kind: 'email', value: email }])
  })
})

describe('replies', () => {
  // A form cannot carry a reply: the customer is answered by email through the workspace's mailbox
  // (email-threading.test.ts), and this workspace has none.
  test('refuses a reply with channel_rule while the workspace has no email channel', async () => {
    const submitted = await submitForm(setup.server.url, channelId, { name: 'Ask', email: uniqueEmail(), message: 'Answer me' })
    const ticket = await ticketByNumber(setup.api, submitted.body.ticketNumber)
    const reply = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Here is the answer' })
    expect(reply.status).toBe(422)
    expect(reply.body.error.code).toBe('channel_rule')
  })
})
