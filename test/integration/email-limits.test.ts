// Inbound email at its limits, on a server with a 2 MiB size limit (SMTP_MAX_BYTES) and the default
// 100 recipients: oversized mail is refused with 552 (nothing stored), mail under the limit arrives
// whole, and a mail to 500 addresses is taken for the first 100 (452 for the rest, which the sending
// server retries later: a redelivery is stored once, by its Message-ID) and stored once.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createEmailChannel, type EmailSetup, startEmailServer } from '../support/email-server.ts'
import { uniqueEmail } from '../support/unique.ts'

const mailbox = 'help@limits.example'
const limit = 2 * 1024 * 1024
let setup: EmailSetup

beforeAll(async () => {
  setup = await startEmailServer({ SMTP_MAX_BYTES: String(limit) })
  await createEmailChannel(setup.api, { address: mailbox })
})
afterAll(() => setup?.server.stop())

async function ticketsWith(text: string) {
  return (await setup.api.get(`/api/tickets?channel=email&q=${encodeURIComponent(text)}`)).body.items
}

test('a 30 MB mail is refused with 552 and nothing is stored', async () => {
  const line = `${'x'.repeat(998)}\r\n`
  const body = line.repeat(Math.ceil((30 * 1024 * 1024) / line.length))
  const raw = `From: ${uniqueEmail()}\r\nTo: ${mailbox}\r\nSubject: huge mole8812\r\n\r\n${body}`
  const error = await setup.sendRaw({ from: uniqueEmail(), to: [mailbox] }, raw).catch((e) => e)
  expect(error.responseCode).toBe(552)
  expect(await ticketsWith('mole8812')).toHaveLength(0)
  // The connection is still good for the next mail.
  await setup.sendRaw({ from: uniqueEmail(), to: [mailbox] }, `From: ${uniqueEmail()}\r\nSubject: after mole8813\r\n\r\nok\r\n`)
  expect(await ticketsWith('mole8813')).toHaveLength(1)
})

test('a mail just under the limit arrives whole, attachment included', async () => {
  const photo = Buffer.alloc(1_400_000, 7)
  await setup.send({
    from: uniqueEmail(),
    to: mailbox,
    subject: 'Photo gecko2290',
    text: 'See the photo',
    attachments: [{ filename: 'photo.jpg', content: photo, contentType: 'image/jpeg' }],
  })
  const [ticket] = await ticketsWith('gecko2290')
  const detail = (await setup.api.get(`/api/tickets/${ticket.id}`)).body
  expect(detail.messages[0].attachments).toEqual([
    expect.objectContaining({ type: 'image', name: 'photo.jpg', mimeType: 'image/jpeg', size: photo.length }),
  ])
})

test('a mail to 500 recipients: the first 100 are taken, the rest get 452, and it is stored once', async () => {
  const to = Array.from({ length: 500 }, (_, i) => `help+${i + 1}@limits.example`)
  const info = await setup.send({
    from: uniqueEmail(),
    to,
    subject: 'Many bison5531',
    text: 'to everyone',
    messageId: `<${randomUUID()}@x>`,
  })
  expect(info.accepted).toHaveLength(100)
  expect(info.rejected).toHaveLength(400)
  expect(new Set(info.rejectedErrors?.map((e) => (e as { responseCode?: number }).responseCode))).toEqual(new Set([452]))
  const tickets = await ticketsWith('bison5531')
  expect(tickets).toHaveLength(1)
  expect((await setup.api.get(`/api/tickets/${tickets[0].id}`)).body.messages).toHaveLength(1)
})
