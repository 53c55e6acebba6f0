// Every mail of test/fixtures/email/ replayed through both real entry points, the SMTP listener and the
// email webhook, each to a channel of its own. Per fixture (expected.json says what it shows): stored as
// a ticket with readable text, the subject, sender, files and tags it should have, and no U+FFFD where
// the source had none; or refused with a reason. Nothing accepted may vanish.
import { readdirSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createEmailChannel, type EmailSetup, startEmailServer } from '../support/email-server.ts'
import { eventually } from '../support/eventually.ts'

interface Expected {
  refused?: string
  find?: string
  text?: string
  subject?: string
  contactName?: string
  contactEmail?: string | null
  attachment?: string
  html?: string
  tags?: string[]
  envelopeFrom?: string
}

const folder = new URL('../fixtures/email/', import.meta.url)
const expected = JSON.parse(readFileSync(new URL('expected.json', folder), 'utf8')) as Record<string, Expected>
const fixtures = readdirSync(folder).filter((name) => name.endsWith('.eml'))
const secret = 'corpus-webhook-secret-0123456789'
let setup: EmailSetup
let smtpChannel: string
let webhookChannel: string

beforeAll(async () => {
  setup = await startEmailServer()
  smtpChannel = await createEmailChannel(setup.api, { address: 'support@acme.example' }, 'Corpus over SMTP')
  webhookChannel = await createEmailChannel(
    setup.api,
    { address: 'hooks@acme.example', inboundSecret: secret },
    'Corpus over HTTP',
  )
})
afterAll(async () => {
  await setup?.server.stop()
})

test('every fixture says what it should become', () => {
  expect(fixtures.filter((name) => !expected[name])).toEqual([])
  expect(Object.keys(expected).filter((name) => !fixtures.includes(name))).toEqual([])
})

describe.each(['smtp', 'webhook'] as const)('through the %s endpoint', (endpoint) => {
  test.each(fixtures)('%s', async (name) => {
    const raw = readFileSync(new URL(name, folder))
    const want = expected[name]!
    const channelId = endpoint === 'smtp' ? smtpChannel : webhookChannel
    const answer = await deliver(endpoint, raw, want.envelopeFrom ?? '')
    if (want.refused) {
      expect(answer).toEqual({ stored: false, reason: want.refused })
      return
    }
    expect(answer).toEqual({ stored: true, reason: null })
    const found = await eventually(async () => {
      const list = await setup.api.get(`/api/tickets?channelId=${channelId}&q=${encodeURIComponent(want.find!)}`)
      expect(list.body.items).toHaveLength(1)
      return list.body.items[0]
    })
    const { ticket, contact, messages } = (await setup.api.get(`/api/tickets/${found.id}`)).body
    const message = messages.find((m: { direction: string }) => m.direction === 'inbound')
    expect(message.body).toContain(want.text)
    if (want.subject) expect(ticket.subject).toBe(want.subject)
    if (want.contactName) expect(contact.name).toBe(want.contactName)
    if (want.contactEmail !== undefined) expect(contact.email).toBe(want.contactEmail)
    if (want.attachment) expect(message.attachments.map((a: { name: string }) => a.name)).toContain(want.attachment)
    if (want.html) expect(message.html).toContain(want.html)
    expect(ticket.tags).toEqual(want.tags ?? [])
    // The fixtures hold no U+FFFD: none may appear in what the agent reads.
    expect(raw.includes(Buffer.from('\ufffd'))).toBe(false)
    const shown = [
      message.body,
      message.html ?? '',
      ticket.subject ?? '',
      contact.name ?? '',
      ...message.attachments.map((a: { name: string | null }) => a.name ?? ''),
    ]
    expect(shown.filter((text) => text.includes('\ufffd'))).toEqual([])
  })
})

/** Stored (250 / 202) or refused, with the reason the endpoint gave. */
async function deliver(endpoint: 'smtp' | 'webhook', raw: Buffer, envelopeFrom: string) {
  if (endpoint === 'smtp') {
    const sent = await setup
      .sendRaw({ from: envelopeFrom, to: ['support@acme.example'] }, raw)
      .catch((error: { responseCode: number; response: string }) => error)
    if ('responseCode' in sent && sent.responseCode >= 400)
      return { stored: false, reason: sent.response.includes('no header fields') ? 'unparseable' : sent.response }
    return { stored: /^250 /.test((sent as { response: string }).response), reason: null }
  }
  const response = await fetch(`${setup.server.url}/webhooks/email/${webhookChannel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'message/rfc822' },
    body: new Uint8Array(raw),
  })
  if (response.status === 202) return { stored: true, reason: null }
  return {
    stored: false,
    reason:
      ((await response.json()) as { error: { details?: { reason?: string } } }).error.details?.reason ?? String(response.status),
  }
}
