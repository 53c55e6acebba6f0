import { expect, test } from 'vitest'
import { detectAutomatic } from '../../../../../server/channels/email/detect-automatic.ts'
import { fixture, mail, parse } from './mail-fixtures.ts'

const person = ['From: Dana <dana@example.org>', 'To: support@acme.example', 'Subject: Order 9271']

async function reason(extra: string[], envelopeFrom: string | null = 'dana@example.org', from = 'dana@example.org') {
  const parsed = await parse(mail([...person, ...extra]))
  return detectAutomatic({ headerLines: parsed.headerLines, envelopeFrom, fromAddress: from, ownAddress: 'support@acme.example' })
}

test('mail a person wrote is not automatic, even with Auto-Submitted: no', async () => {
  expect(await reason([])).toBeNull()
  expect(await reason(['Auto-Submitted: no'])).toBeNull()
  expect(await reason(['Precedence: first-class'])).toBeNull()
  expect(await reason([], null)).toBeNull()
})

test.each([
  ['Auto-Submitted: auto-replied', 'Auto-Submitted: auto-replied'],
  ['Auto-Submitted: auto-generated', 'Auto-Submitted: auto-generated'],
  ['AUTO-SUBMITTED: Auto-Notified', 'Auto-Submitted: Auto-Notified'],
  ['Precedence: bulk', 'Precedence: bulk'],
  ['Precedence: junk', 'Precedence: junk'],
  ['Precedence: list', 'Precedence: list'],
  ['Precedence: auto_reply', 'Precedence: auto_reply'],
  ['X-Autoreply: yes', 'x-autoreply present'],
  ['X-Autorespond: Out of office', 'x-autorespond present'],
  ['X-Auto-Response-Suppress: All', 'x-auto-response-suppress present'],
  ['List-Id: Deals <deals.shop.example>', 'list-id present'],
  ['List-Unsubscribe: <mailto:u@shop.example>', 'list-unsubscribe present'],
  ['Return-Path: <>', 'null sender'],
  ['Content-Type: multipart/report; report-type=disposition-notification; boundary=x', 'multipart/report'],
])('%s makes it automatic', async (header, expected) => {
  expect(await reason([header])).toBe(expected)
})

test('the null envelope sender makes it automatic', async () => {
  expect(await reason([], '')).toBe('null sender')
})

test('mail from MAILER-DAEMON or postmaster is automatic', async () => {
  expect(await reason([], 'x@y', 'MAILER-DAEMON@mx.example.org')).toBe('From: MAILER-DAEMON@mx.example.org')
  expect(await reason([], 'x@y', 'postmaster@example.org')).toBe('From: postmaster@example.org')
})

test('our own address coming back (a forward, a loop) is automatic', async () => {
  expect(await reason([], 'x@y', 'Support@acme.example')).toBe('From: our own address')
  expect(await reason([], 'x@y', 'support+12@acme.example')).toBe('From: our own address')
})

test('recorded mail: an Exchange out-of-office and a mailing list are automatic', async () => {
  for (const name of ['outlook-out-of-office.eml', 'mailing-list.eml']) {
    const parsed = await parse(fixture(name))
    const from = parsed.from?.value[0]?.address ?? null
    expect(
      detectAutomatic({ headerLines: parsed.headerLines, envelopeFrom: null, fromAddress: from, ownAddress: 'x@y.z' }),
      name,
    ).not.toBeNull()
  }
})
