import nodemailer from 'nodemailer'
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'
import { type SmtpSink, startSmtpSink } from '../../fakes/smtp-sink.ts'

let sink: SmtpSink
beforeAll(async () => {
  sink = await startSmtpSink()
})
afterAll(() => sink.close())
beforeEach(() => sink.reset())

const send = (subject: string) =>
  nodemailer.createTransport(sink.url).sendMail({
    from: 'support@acme.example',
    to: 'dana@example.org',
    subject,
    text: 'Hello',
    messageId: `<${subject}@acme.example>`,
  })

test('captures a mail with its envelope, raw bytes, parsed form and the credentials used', async () => {
  await send('one')
  const [mail] = await sink.waitFor(1)
  expect(mail!.envelope).toEqual({ from: 'support@acme.example', to: ['dana@example.org'] })
  expect(mail!.parsed.subject).toBe('one')
  expect(mail!.parsed.messageId).toBe('<one@acme.example>')
  expect(mail!.raw.toString()).toContain('Subject: one')
  expect(mail!.auth).toEqual({ username: 'user', password: 'pass' })
})

test('refuses the next mails with the code asked for, then accepts again', async () => {
  sink.failNext(1, 451)
  sink.failNext(1, 550, 'No such user')
  await expect(send('a')).rejects.toMatchObject({ responseCode: 451 })
  await expect(send('b')).rejects.toMatchObject({ responseCode: 550, response: expect.stringContaining('No such user') })
  await send('c')
  expect(sink.refused.map((r) => r.code)).toEqual([451, 550])
  expect(sink.mails.map((m) => m.parsed.subject)).toEqual(['c'])
})

test('waitFor gives up with a clear error', async () => {
  await expect(sink.waitFor(1, 50)).rejects.toThrow('the SMTP sink has 0 mails, not 1')
})
