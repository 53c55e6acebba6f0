// The listener on a real socket, with the channel lookup and the store replaced by plain functions.
import { connect } from 'node:net'
import nodemailer from 'nodemailer'
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'
import type { ChannelEvent } from '../../../../../server/channels/channel-event.ts'
import type { EmailChannel } from '../../../../../server/channels/email/normalise-email.ts'
import { createSmtpListener, type SmtpListener } from '../../../../../server/channels/email/smtp-listener.ts'
import type { Logger } from '../../../../../server/log.ts'
import { mail } from './mail-fixtures.ts'

const channels: EmailChannel[] = [
  { id: 'c1', workspaceId: 'w1', address: 'support@acme.example' },
  { id: 'c2', workspaceId: 'w1', address: 'sales@acme.example' },
]
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} }
let submitted: ChannelEvent[] = []
let failSubmit = false
let listener: SmtpListener
let port: number

beforeAll(async () => {
  listener = createSmtpListener({
    host: '127.0.0.1',
    port: 0,
    maxBytes: 64 * 1024,
    maxRecipients: 5,
    now: () => new Date(),
    findChannelByAddress: async (address) =>
      channels.find((c) => c.address === address.toLowerCase().replace(/\+[^@]*@/, '@')) ?? null,
    submit: async (event) => {
      if (failSubmit) throw new Error('database down')
      submitted.push(event)
    },
    log: quiet,
  })
  port = await listener.start()
})
afterAll(() => listener.stop())
beforeEach(() => {
  submitted = []
  failSubmit = false
})

const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true })
const headers = ['From: Dana <dana@example.org>', 'To: support@acme.example', 'Subject: Hi', 'Message-ID: <l1@example.org>']
const sendRaw = (to: string[], raw: Buffer | string, from = 'dana@example.org') =>
  transport().sendMail({ envelope: { from, to }, raw })

test('a mail to a channel address is submitted before the 250', async () => {
  const info = await sendRaw(['Support@Acme.Example'], mail(headers))
  expect(info.response).toMatch(/^250 /)
  expect(submitted).toHaveLength(1)
  expect(submitted[0]).toMatchObject({ type: 'message', message: { channelId: 'c1', externalId: '<l1@example.org>' } })
})

test('one message per recipient channel, however many addresses of it were used', async () => {
  await sendRaw(['support@acme.example', 'support+9@acme.example', 'sales@acme.example'], mail(headers))
  expect(submitted.map((e) => e.type === 'message' && e.message.channelId)).toEqual(['c1', 'c2'])
})

test('an unknown recipient gets 550; the known ones still receive the mail', async () => {
  const info = await sendRaw(['nobody@acme.example', 'support@acme.example'], mail(headers))
  expect(info.rejected).toEqual(['nobody@acme.example'])
  expect(info.rejectedErrors?.[0]).toMatchObject({ responseCode: 550 })
  expect(submitted).toHaveLength(1)
  await expect(sendRaw(['nobody@acme.example'], mail(headers))).rejects.toMatchObject({ responseCode: 550 })
})

test('recipients past the limit get 452; the mail reaches the accepted ones', async () => {
  const to = Array.from({ length: 8 }, (_, i) => `support+${i}@acme.example`)
  const info = await sendRaw(to, mail(headers))
  expect(info.accepted).toHaveLength(5)
  expect(info.rejectedErrors?.map((e) => (e as { responseCode?: number }).responseCode)).toEqual([452, 452, 452])
  expect(submitted).toHaveLength(1)
})

test('a mail over the size limit gets 552 and nothing is submitted', async () => {
  const big = mail(headers, 'x'.repeat(100 * 1024))
  await expect(sendRaw(['support@acme.example'], big)).rejects.toMatchObject({ responseCode: 552 })
  expect(submitted).toEqual([])
})

test('a mail without a From is accepted, its sender read from the envelope', async () => {
  const info = await sendRaw(['support@acme.example'], mail(headers.slice(1)))
  expect(info.response).toMatch(/^250 /)
  expect(submitted).toMatchObject([
    { type: 'message', message: { contact: { identities: [{ kind: 'email', value: 'dana@example.org' }] } } },
  ])
})

test('a storage failure gets 451, so the sending server tries again', async () => {
  failSubmit = true
  await expect(sendRaw(['support@acme.example'], mail(headers))).rejects.toMatchObject({ responseCode: 451 })
})

test('EHLO advertises the size limit, and neither AUTH nor STARTTLS', async () => {
  const socket = connect(port, '127.0.0.1')
  let text = ''
  const ehlo = await new Promise<string>((resolve) => {
    socket.on('data', (chunk) => {
      text += chunk
      if (text.startsWith('220') && text.endsWith('\r\n') && !text.includes('250')) {
        text = ''
        socket.write('EHLO test\r\n')
      } else if (/^250 .*\r\n$/m.test(text)) resolve(text)
    })
  })
  socket.end('QUIT\r\n')
  expect(ehlo).toContain(`SIZE ${64 * 1024}`)
  expect(ehlo).not.toMatch(/AUTH|STARTTLS/)
})
