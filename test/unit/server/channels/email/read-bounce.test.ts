import { expect, test } from 'vitest'
import { readBounce } from '../../../../../server/channels/email/read-bounce.ts'
import { fixture, mail, parse } from './mail-fixtures.ts'

test('a Postfix bounce names our message and why it failed', async () => {
  const report = readBounce(await parse(fixture('postfix-bounce.eml')), '')
  expect(report).toEqual({
    originalMessageId: '<conversation/6bdc3f4d/messages/987@acme.example>',
    outcome: 'failed',
    reason:
      'dana@example.org: 5.1.1 smtp; 550 5.1.1 <dana@example.org>: Recipient address rejected: User unknown in virtual mailbox table',
  })
})

test('a delay is no failure, and the original can come from text/rfc822-headers', async () => {
  const report = readBounce(await parse(fixture('gmail-delayed.eml')), '')
  expect(report).toMatchObject({ originalMessageId: '<out-555@acme.example>', outcome: 'delayed' })
  expect(report?.reason).toContain('4.4.1')
})

test('a classic qmail bounce without a report is read from the quoted original', async () => {
  const report = readBounce(await parse(fixture('qmail-bounce.eml')), '')
  expect(report).toEqual({ originalMessageId: '<out-777@acme.example>', outcome: 'failed', reason: 'failure notice' })
})

test('an Original-Message-ID field names the original directly', async () => {
  const raw = mail(
    [
      'From: postmaster@example.org',
      'Subject: Delivery Status Notification (Failure)',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    ],
    [
      '--b',
      'Content-Type: text/plain',
      '',
      'Failed.',
      '--b',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.org',
      'Original-Message-ID: <out-1@acme.example>',
      '',
      'Final-Recipient: rfc822; a@example.org',
      'Action: delayed',
      'Status: 4.2.2',
      '',
      'Final-Recipient: rfc822; b@example.org',
      'Action: failed',
      'Status: 5.2.2',
      'Diagnostic-Code: smtp; 552 Mailbox full',
      '',
      '--b--',
    ].join('\r\n'),
  )
  expect(readBounce(await parse(raw), '')).toEqual({
    originalMessageId: '<out-1@acme.example>',
    outcome: 'failed',
    reason: 'b@example.org: 5.2.2 smtp; 552 Mailbox full',
  })
})

test('a success report says delivered', async () => {
  const raw = mail(
    [
      'From: postmaster@example.org',
      'Subject: Delivered',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    ],
    [
      '--b',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.org',
      '',
      'Final-Recipient: rfc822; a@example.org',
      'Action: delivered',
      'Status: 2.0.0',
      '',
      '--b',
      'Content-Type: text/rfc822-headers',
      '',
      'Message-ID: <out-2@acme.example>',
      '',
      '--b--',
    ].join('\r\n'),
  )
  expect(readBounce(await parse(raw), '')).toMatchObject({ originalMessageId: '<out-2@acme.example>', outcome: 'delivered' })
})

test('mail from people, out-of-office answers and reports naming no original are no bounce', async () => {
  expect(readBounce(await parse(mail(['From: dana@example.org', 'Subject: Undelivered parcel'])), 'dana@example.org')).toBeNull()
  expect(readBounce(await parse(fixture('outlook-out-of-office.eml')), null)).toBeNull()
  const anonymous = mail(['From: MAILER-DAEMON@mx.example.org', 'Subject: Undelivered Mail Returned to Sender'], 'Gone.')
  expect(readBounce(await parse(anonymous), '')).toBeNull()
})
