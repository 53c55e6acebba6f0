import iconv from 'iconv-lite'
import { expect, test } from 'vitest'
import type { ChannelEvent } from '../../../../../server/channels/channel-event.ts'
import type { EmailChannel } from '../../../../../server/channels/email/normalise-email.ts'
import { readEmail } from '../../../../../server/channels/email/read-email.ts'
import { inboundMessageSchema } from '../../../../../server/channels/inbound-message.ts'
import { storable } from '../../../../../server/db/storable-text.ts'
import { japaneseMail } from '../../../../support/japanese-mail.ts'
import { fixture, mail } from './mail-fixtures.ts'

const channel: EmailChannel = { id: 'c1', workspaceId: 'w1', address: 'support@acme.example' }
const receivedAt = new Date('2023-11-15T09:00:00Z')
const envelope = { from: 'dana@example.org', to: ['support@acme.example'] }
const plain = [
  'From: Dana Scully <dana@example.org>',
  'To: support@acme.example',
  'Subject: Order 9271',
  'Date: Wed, 15 Nov 2023 08:55:00 +0000',
  'Message-ID: <m1@example.org>',
]

async function read(raw: Buffer, options: { envelope?: typeof envelope | null; channels?: EmailChannel[] } = {}) {
  return readEmail(raw, options.channels ?? [channel], options.envelope === undefined ? envelope : options.envelope, receivedAt)
}

async function messageOf(raw: Buffer, env: typeof envelope | null = envelope) {
  const outcome = await read(raw, { envelope: env })
  if (!('events' in outcome)) throw new Error(`refused: ${outcome.refusal.message}`)
  const event = outcome.events[0]!
  if (event.type !== 'message') throw new Error(`not a message: ${event.type}`)
  // Whatever the mail, the message passes the schema the journal and ingest rely on.
  expect(inboundMessageSchema.parse(event.message)).toBeTruthy()
  return event.message
}

test('a plain mail is a message from the sender, with subject, text and the Message-ID as its id', async () => {
  const message = await messageOf(mail(plain, 'Where is my order?'))
  expect(message).toMatchObject({
    workspaceId: 'w1',
    channelId: 'c1',
    channelKind: 'email',
    externalId: '<m1@example.org>',
    sentAt: '2023-11-15T08:55:00.000Z',
    contact: { name: 'Dana Scully', identities: [{ kind: 'email', value: 'dana@example.org' }] },
    subject: 'Order 9271',
    body: 'Where is my order?\n',
    html: null,
    attachments: [],
    files: [],
    autoSubmitted: false,
    direction: 'inbound',
    thread: null,
    emailThread: { references: [], ticketNumber: null },
  })
  expect(message.raw).toMatchObject({ envelope, automatic: null })
  expect((message.raw as { headers: string[] }).headers).toContain('Message-ID: <m1@example.org>')
})

test('a recorded Thunderbird reply: decoded name and subject, safe HTML beside the text, files, threading', async () => {
  const message = await messageOf(fixture('thunderbird-reply-with-attachment.eml'), {
    from: 'Juergen.Mueller@Mail.Example.org',
    to: ['support+1234@acme.example'],
  })
  expect(message.contact).toEqual({
    name: 'Jürgen Müller',
    identities: [{ kind: 'email', value: 'juergen.mueller@mail.example.org' }],
  })
  expect(message.subject).toBe("Re: Order 9271 hasn't arrived [#1234] – Foto")
  expect(message.body).toContain('anbei ein Foto der beschädigten Verpackung')
  expect(message.html).toContain('<b>beschädigten</b>')
  expect(message.html).not.toMatch(/<script|document\.cookie|<style/)
  expect(message.html).toContain('data-remote-src="https://tracker.example/open.gif?id=42"')
  expect(message.html).not.toMatch(/\ssrc="https:\/\/tracker/)
  expect(message.html).toContain('src="cid:part1.sig@mail.example.org"')
  expect(message.attachments).toEqual([
    { type: 'image', url: 'upload:0', name: 'logo.png', mimeType: 'image/png', size: 70 },
    { type: 'file', url: 'upload:1', name: 'Lieferschein.pdf', mimeType: 'application/pdf', size: 78 },
  ])
  expect(message.files.map((f) => [f.name, f.mimeType, f.contentId])).toEqual([
    ['logo.png', 'image/png', 'part1.sig@mail.example.org'],
    ['Lieferschein.pdf', 'application/pdf', null],
  ])
  expect(Buffer.from(message.files[1]!.base64, 'base64').toString('latin1')).toMatch(/^%PDF-1\.4/)
  expect(message.replyToExternalId).toBe('<conversation/6bdc3f4d/messages/987@acme.example>')
  expect(message.emailThread).toEqual({
    references: ['<conversation/6bdc3f4d/messages/987@acme.example>', '<CAF=abc123@mail.example.org>'],
    ticketNumber: 1234,
  })
})

test('the plus-address in the To header gives the ticket number when the mail came over HTTP', async () => {
  const message = await messageOf(mail([...plain.slice(0, 1), 'To: Support <support+42@acme.example>', ...plain.slice(2)]), null)
  expect(message.emailThread?.ticketNumber).toBe(42)
})

test('a mail with only HTML gets its text from the HTML', async () => {
  const message = await messageOf(
    mail([...plain, 'Content-Type: text/html; charset=utf-8'], '<p>Hello <b>there</b></p><script>alert(1)</script>'),
  )
  expect(message.body.trim()).toBe('Hello there')
  expect(message.html).toBe('<p>Hello <b>there</b></p>')
})

test('without a Message-ID the id is a digest of the mail, so a redelivery through another relay is still one message', async () => {
  const raw = mail(plain.filter((h) => !h.startsWith('Message-ID')))
  const first = await messageOf(raw)
  expect(first.externalId).toMatch(/^sha256:[0-9a-f]{40}$/)
  const relayed = Buffer.concat([Buffer.from('Received: from relay2.example.org by mx.acme.example\r\n'), raw])
  expect((await messageOf(relayed)).externalId).toBe(first.externalId)
})

test('a reused Message-ID keys a different mail apart; a redelivery keys the same', async () => {
  const first = await messageOf(mail(plain))
  const again = await messageOf(Buffer.concat([Buffer.from('Received: from relay2.example.org\r\n'), mail(plain)]))
  const other = await messageOf(mail(plain, 'A different mail that reuses the id.'))
  expect(first.externalId).toBe('<m1@example.org>')
  expect(other.externalId).toBe('<m1@example.org>')
  expect(again.deliveryKey).toBe(first.deliveryKey)
  expect(other.deliveryKey).not.toBe(first.deliveryKey)
  expect(first.deliveryKey).toMatch(/^<m1@example\.org> [0-9a-f]{40}$/)
})

test.each([
  ['in the future', 'Date: Thu, 16 Nov 2023 08:55:00 +0000'],
  ['from a clock years behind', 'Date: Mon, 1 Jan 2001 00:00:00 +0000'],
  ['unreadable', 'Date: the day before yesterday'],
  ['missing', null],
])('a Date header %s gives way to the time of receipt', async (_name, date) => {
  const headers = plain.filter((h) => !h.startsWith('Date:'))
  const message = await messageOf(mail(date ? [...headers, date] : headers))
  expect(message.sentAt).toBe(receivedAt.toISOString())
})

test('a mail without a usable From is kept: its sender from Reply-To, Sender, Return-Path or the envelope, else none', async () => {
  const noFrom = plain.filter((h) => !h.startsWith('From:'))
  const senderOf = async (headers: string[], envelopeFrom = '') => {
    const message = await messageOf(mail(headers), { from: envelopeFrom, to: ['support@acme.example'] })
    return [message.contact.name, message.contact.identities.map((i) => i.value)]
  }
  expect(await senderOf([...noFrom, 'From: Dana', 'Reply-To: <dana@example.org>'])).toEqual(['Dana', ['dana@example.org']])
  expect(await senderOf([...noFrom, 'Sender: desk@example.org'])).toEqual([null, ['desk@example.org']])
  expect(await senderOf([...noFrom, 'Return-Path: <rp@example.org>'])).toEqual([null, ['rp@example.org']])
  expect(await senderOf(noFrom, 'bounce-to@example.org')).toEqual([null, ['bounce-to@example.org']])
  expect(await senderOf([...noFrom, 'From: "john doe"@example.org'])).toEqual([null, ['"john doe"@example.org']])
  for (const headers of [noFrom, [...noFrom, 'From: Dana'], [...noFrom, 'From: undisclosed-recipients:;']]) {
    const message = await messageOf(mail(headers), { from: '', to: ['support@acme.example'] })
    expect(message.contact.identities).toEqual([])
    expect(message.body).toContain('Hello')
  }
})

test('an out-of-office answer is a message marked automatic', async () => {
  const message = await messageOf(fixture('outlook-out-of-office.eml'), null)
  expect(message.autoSubmitted).toBe(true)
  expect((message.raw as { automatic: string }).automatic).toBe('Auto-Submitted: auto-replied')
  expect(message.emailThread?.references[0]).toBe('<conversation/6bdc3f4d/messages/987@acme.example>')
})

test('a bounce is a bounce event for our original message, carrying the report for when it names nothing we sent', async () => {
  const outcome = (await read(fixture('postfix-bounce.eml'), { envelope: { from: '', to: ['support@acme.example'] } })) as {
    events: ChannelEvent[]
  }
  expect(outcome.events).toEqual([
    {
      type: 'bounce',
      workspaceId: 'w1',
      channelId: 'c1',
      externalId: '<conversation/6bdc3f4d/messages/987@acme.example>',
      at: receivedAt.toISOString(),
      reason: expect.stringContaining('5.1.1'),
      outcome: 'failed',
      report: expect.objectContaining({ autoSubmitted: true, ticketTags: ['delivery-report'] }),
    },
  ])
})

test('a delay report is a delayed bounce event, never a failure', async () => {
  const outcome = (await read(fixture('gmail-delayed.eml'))) as { events: ChannelEvent[] }
  expect(outcome.events).toEqual([
    expect.objectContaining({ type: 'bounce', externalId: '<out-555@acme.example>', outcome: 'delayed' }),
  ])
})

test('a mail to two channels is one event for each', async () => {
  const sales: EmailChannel = { id: 'c2', workspaceId: 'w1', address: 'sales@acme.example' }
  const outcome = (await read(mail(plain), { channels: [channel, sales] })) as { events: ChannelEvent[] }
  expect(outcome.events.map((e) => e.type === 'message' && [e.message.channelId, e.message.externalId])).toEqual([
    ['c1', '<m1@example.org>'],
    ['c2', '<m1@example.org>'],
  ])
})

test.each(['iso-2022-jp', 'shift_jis'] as const)('Japanese mail in %s reads as Japanese', async (charset) => {
  const raw = japaneseMail({
    charset,
    from: { name: '山田 太郎', address: 'taro@example.jp' },
    to: 'support@acme.example',
    subject: '商品の配送について',
    body: '注文した商品がまだ届いていません。\r\nよろしくお願いします。',
    messageId: `<jp-${charset}@example.jp>`,
  })
  const message = await messageOf(raw)
  expect(message.contact.name).toBe('山田 太郎')
  expect(message.subject).toBe('商品の配送について')
  expect(message.body).toBe('注文した商品がまだ届いていません。\nよろしくお願いします。\n')
})

test.each([
  ['windows-1252', 'windows-1252', 'Ça coûte 5 € – “oui”'],
  ['iso-8859-1', 'latin1', 'Grüße aus Köln'],
  ['iso-8859-15', 'iso-8859-15', 'Œuvre à 5 €'],
  ['koi8-r', 'koi8-r', 'Привет, где мой заказ?'],
  ['windows-1251', 'windows-1251', 'Здравствуйте'],
  ['gb2312', 'gbk', '我的订单还没到'],
  ['gb18030', 'gb18030', '订单 𠀀'],
  ['big5', 'big5', '我的訂單還沒到'],
  ['euc-kr', 'euc-kr', '주문이 아직 도착하지 않았습니다'],
  ['euc-jp', 'euc-jp', '注文が届きません'],
  ['iso-8859-7', 'iso-8859-7', 'Καλημέρα'],
  ['windows-1255', 'windows-1255', 'שלום'],
  ['windows-1256', 'windows-1256', 'مرحبا'],
  ['tis-620', 'tis-620', 'สวัสดีครับ'],
])('a %s text part is decoded', async (label, encoding, text) => {
  const raw = Buffer.concat([
    Buffer.from(
      `${plain.join('\r\n')}\r\nContent-Type: text/plain; charset="${label}"\r\nContent-Transfer-Encoding: base64\r\n\r\n`,
    ),
    Buffer.from(`${iconv.encode(text, encoding).toString('base64')}\r\n`),
  ])
  expect((await messageOf(raw)).body.trim()).toBe(text)
})

test.each([
  [
    'a boundary that never closes',
    ['Content-Type: multipart/mixed; boundary="zz"'],
    '--zz\r\nContent-Type: text/plain\r\n\r\nkept text',
  ],
  ['a boundary that never opens', ['Content-Type: multipart/mixed; boundary="zz"'], 'no parts here at all'],
  ['broken base64', ['Content-Transfer-Encoding: base64'], 'SGVsbG8gd29y!!!bGQ=*&'],
  ['an unknown charset', ['Content-Type: text/plain; charset=x-no-such-charset'], 'plain words'],
  ['a broken encoded word', [], '=?utf-8?B?not-base64?= body'],
  ['binary junk in the body', [], '\u0000\u0001\u00ff\ufffd junk'],
  [
    'a UTF-16 part cut in the middle of a pair',
    ['Content-Type: text/plain; charset=utf-16le', 'Content-Transfer-Encoding: base64'],
    'Pdg=',
  ],
])('malformed MIME (%s) is stored, never lost', async (_name, headers, body) => {
  const message = await messageOf(mail([...plain, ...headers], body))
  expect(message.externalId).toBe('<m1@example.org>')
  // Nothing PostgreSQL would refuse once the ingest made it storable: no NUL, no lone surrogate.
  expect(JSON.stringify(storable(message))).not.toMatch(/\\u0000|\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i)
})

test('NUL characters and lone surrogates become U+FFFD wherever they are, as the ingest stores them', async () => {
  const message = storable(await messageOf(mail([...plain.slice(1), 'From: "Da\u0000na" <dana@example.org>'], 'a\u0000b')))
  expect(message.body).toBe('a\ufffdb\n')
})
