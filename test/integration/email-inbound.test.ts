// Inbound email end to end: real mail sent with nodemailer to the server's SMTP listener becomes
// tickets on contacts; HTML made safe; Japanese charsets; attachments; refusals (unknown recipient,
// no sender, unreadable mail); machines' mail (out-of-office, bounces) never answered automatically;
// a bounce of our own reply marks it failed. Outbound mail goes to a fake SMTP sink.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type SmtpSink, startSmtpSink } from '../fakes/smtp-sink.ts'
import { createEmailChannel, type EmailSetup, startEmailServer } from '../support/email-server.ts'
import { eventually } from '../support/eventually.ts'
import { japaneseMail } from '../support/japanese-mail.ts'
import { uniqueEmail } from '../support/unique.ts'

const mailbox = 'support@acme.example'
const welcome = 'Thank you for writing to Acme. We will answer soon.'
let setup: EmailSetup
let sink: SmtpSink

beforeAll(async () => {
  sink = await startSmtpSink()
  setup = await startEmailServer({ SMTP_URL: sink.url })
  await createEmailChannel(setup.api, { address: mailbox, fromName: 'Acme Support', welcomeMessage: welcome })
})
afterAll(async () => {
  await setup?.server.stop()
  await sink?.close()
})

const messageId = () => `<${randomUUID()}@mail.example.org>`

/** The one email ticket whose text holds `text`, with its contact and messages. */
async function ticketWith(text: string) {
  const found = await setup.api.get(`/api/tickets?channel=email&q=${encodeURIComponent(text)}`)
  expect(found.status).toBe(200)
  expect(found.body.items).toHaveLength(1)
  return (await setup.api.get(`/api/tickets/${found.body.items[0].id}`)).body
}

function raw(headers: string[], body: string): string {
  return `${[...headers, '', body].join('\r\n')}\r\n`
}

test('a plain mail becomes a ticket on a contact with the sender’s email', async () => {
  const from = uniqueEmail('dana')
  const info = await setup.send({
    from: { name: 'Dana Scully', address: from },
    to: mailbox,
    subject: 'Order 9271 has not arrived',
    text: 'Where is parcel quokka4411?',
    messageId: messageId(),
  })
  expect(info.response).toMatch(/^250 /)
  const { ticket, contact, messages } = await ticketWith('quokka4411')
  expect(ticket).toMatchObject({ channelKind: 'email', subject: 'Order 9271 has not arrived', status: 'open' })
  expect(contact).toMatchObject({ name: 'Dana Scully', email: from })
  expect(messages[0]).toMatchObject({ direction: 'inbound', channelKind: 'email', body: 'Where is parcel quokka4411?\n' })
})

test('HTML arrives sanitised beside its text: no script, no handler, the remote image not loaded', async () => {
  await setup.send({
    from: uniqueEmail(),
    to: mailbox,
    subject: 'Styled mail',
    text: 'Plain walrus7781 text',
    html:
      '<p>Rich <b>walrus7781</b></p><script>alert(document.cookie)</script>' +
      '<img src="x" onerror="alert(1)"><img src="https://tracker.example/open.gif?u=1" width="1" height="1">',
  })
  const { messages } = await ticketWith('walrus7781')
  expect(messages[0].body).toBe('Plain walrus7781 text')
  expect(messages[0].html).toContain('<b>walrus7781</b>')
  expect(messages[0].html).not.toMatch(/<script|onerror|alert/)
  expect(messages[0].html).toContain('data-remote-src="https://tracker.example/open.gif?u=1"')
  expect(messages[0].html).not.toMatch(/\ssrc="https:/)
})

test.each(['iso-2022-jp', 'shift_jis'] as const)(
  'Japanese mail in %s reads correctly and is found by a Japanese word',
  async (charset) => {
    const tag = charset === 'iso-2022-jp' ? '北海道' : '九州'
    const from = uniqueEmail('taro')
    await setup.sendRaw(
      { from, to: [mailbox] },
      japaneseMail({
        charset,
        from: { name: '山田 太郎', address: from },
        to: mailbox,
        subject: `${tag}への配送について`,
        body: `${tag}に注文した商品がまだ届いていません。\r\nよろしくお願いします。`,
        messageId: messageId(),
      }),
    )
    const { ticket, contact, messages } = await ticketWith(tag)
    expect(ticket.subject).toBe(`${tag}への配送について`)
    expect(contact.name).toBe('山田 太郎')
    expect(messages[0].body).toBe(`${tag}に注文した商品がまだ届いていません。\nよろしくお願いします。\n`)
    const byBodyWord = await setup.api.get(`/api/tickets?channel=email&contactId=${contact.id}&q=${encodeURIComponent('商品')}`)
    expect(byBodyWord.body.items.map((t: { id: string }) => t.id)).toEqual([ticket.id])
  },
)

test('an attachment arrives with the message and can be downloaded', async () => {
  const pdf = Buffer.from('%PDF-1.4\n% invoice 2231 for kiwi3310\n%%EOF\n')
  await setup.send({
    from: uniqueEmail(),
    to: mailbox,
    subject: 'Invoice',
    text: 'Invoice for kiwi3310 attached',
    attachments: [{ filename: 'invoice-2231.pdf', content: pdf, contentType: 'application/pdf' }],
  })
  const { messages } = await ticketWith('kiwi3310')
  expect(messages[0].attachments).toEqual([
    expect.objectContaining({ type: 'file', name: 'invoice-2231.pdf', mimeType: 'application/pdf', size: pdf.length }),
  ])
  const url: string = messages[0].attachments[0].url
  expect(url).toMatch(/^\/api\/attachments\//)
  const download = await fetch(setup.server.url + url, { headers: { cookie: setup.api.cookie! } })
  expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf)
})

test('mail to an unknown address is refused with 550', async () => {
  const error = await setup
    .sendRaw({ from: uniqueEmail(), to: ['nobody@acme.example'] }, raw(['Subject: x'], 'x'))
    .catch((e) => e)
  expect(error.responseCode).toBe(550)
  expect(error.response).toContain('nobody@acme.example')
})

test('a mail without a From address is kept: its sender from the envelope, or none at all', async () => {
  const from = uniqueEmail('nofrom')
  const info = await setup.sendRaw(
    { from, to: [mailbox] },
    raw([`To: ${mailbox}`, 'Subject: anonymous', `Message-ID: ${messageId()}`], 'heron3310 from the envelope'),
  )
  expect(info.response).toMatch(/^250 /)
  expect((await ticketWith('heron3310')).contact.email).toBe(from)
  // The null sender and no header naming anyone: a ticket without a reply address, and replies say why.
  await setup.sendRaw({ from: '', to: [mailbox] }, raw([`To: ${mailbox}`, 'Subject: who?'], 'ibis8812 nobody'))
  const { ticket, contact } = await ticketWith('ibis8812')
  expect(contact.email).toBeNull()
  const reply = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Hello?' })
  expect(reply.status).toBe(422)
  expect(reply.body.error.message).toContain('no email address')
})

test('bytes that are no mail at all are refused clearly', async () => {
  const error = await setup.sendRaw({ from: uniqueEmail(), to: [mailbox] }, '\u0000\u0001 not a mail \u00ff').catch((e) => e)
  expect(error.responseCode).toBe(550)
})

test('malformed MIME is stored, the readable part kept', async () => {
  const headers = [`From: ${uniqueEmail()}`, `To: ${mailbox}`, 'Subject: Broken', `Message-ID: ${messageId()}`]
  const mime = ['MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="never-closed"']
  await setup.sendRaw(
    { from: uniqueEmail(), to: [mailbox] },
    raw([...headers, ...mime], '--never-closed\r\nContent-Type: text/plain; charset=x-unknown\r\n\r\nllama5521 \u0000 survives'),
  )
  const { messages } = await ticketWith('llama5521')
  expect(messages[0].body).toContain('llama5521')
})

test('the same mail delivered twice is one message', async () => {
  const id = messageId()
  const mail = raw([`From: ${uniqueEmail()}`, `To: ${mailbox}`, 'Subject: Twice', `Message-ID: ${id}`], 'otter6610 once')
  await setup.sendRaw({ from: uniqueEmail(), to: [mailbox] }, mail)
  await setup.sendRaw({ from: uniqueEmail(), to: [mailbox] }, mail)
  const { messages } = await ticketWith('otter6610')
  expect(messages.filter((m: { direction: string }) => m.direction === 'inbound')).toHaveLength(1)
})

test('a first mail from a person gets the welcome message; an out-of-office does not', async () => {
  const person = uniqueEmail('person')
  await setup.send({ from: person, to: mailbox, subject: 'Hello', text: 'heron2201 question' })
  const robot = uniqueEmail('robot')
  await setup.send({
    from: robot,
    to: mailbox,
    subject: 'Automatic reply: Hello',
    text: 'I am out of the office (puffin9902).',
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
  })
  // The person is welcomed (the control: welcome messages do leave by mail)...
  await eventually(async () => expect(sink.mails.some((m) => m.envelope.to.includes(person))).toBe(true))
  const personTicket = await ticketWith('heron2201')
  expect(personTicket.messages.some((m: { body: string }) => m.body.includes(welcome))).toBe(true)
  // ...the out-of-office is stored, and answered by nothing.
  const robotTicket = await ticketWith('puffin9902')
  await new Promise((resolve) => setTimeout(resolve, 500))
  expect(robotTicket.messages.map((m: { direction: string }) => m.direction)).toEqual(['inbound'])
  expect((await ticketWith('puffin9902')).messages).toHaveLength(1)
  expect(sink.mails.some((m) => m.envelope.to.includes(robot))).toBe(false)
})

test('a bounce of our reply marks the reply failed and opens no ticket', async () => {
  const customer = uniqueEmail('gone')
  await setup.send({ from: customer, to: mailbox, subject: 'Refund', text: 'ibis4471 refund please' })
  const { ticket } = await ticketWith('ibis4471')
  const reply = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Refunded today.' })
  expect(reply.status).toBe(202)
  const sent = await eventually(async () => {
    const mail = sink.mails.find((m) => m.envelope.to.includes(customer) && m.parsed.text?.includes('Refunded today'))
    expect(mail).toBeDefined()
    return mail!
  })
  const ourId = sent.parsed.messageId!
  const ticketsBefore = (await setup.api.get('/api/tickets?channel=email&limit=200')).body.items.length

  const dsn = raw(
    [
      'From: Mail Delivery System <MAILER-DAEMON@mx.example.org>',
      `To: ${mailbox}`,
      'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: ${messageId()}`,
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn"',
    ],
    [
      '--dsn',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--dsn',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.org',
      '',
      `Final-Recipient: rfc822; ${customer}`,
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
      '',
      '--dsn',
      'Content-Type: message/rfc822',
      '',
      sent.raw.toString('utf8').split(/\r?\n\r?\n/)[0],
      '',
      'Refunded today.',
      '--dsn--',
    ].join('\r\n'),
  )
  await setup.sendRaw({ from: '', to: [mailbox] }, dsn)

  const failed = await eventually(async () => {
    const detail = (await setup.api.get(`/api/tickets/${ticket.id}`)).body
    const message = detail.messages.find((m: { id: string }) => m.id === reply.body.message.id)
    expect(message.status).toBe('failed')
    return message
  })
  expect(failed.externalId).toBe(ourId)
  expect(failed.error).toContain('5.1.1')
  expect((await setup.api.get('/api/tickets?channel=email&limit=200')).body.items).toHaveLength(ticketsBefore)
})
