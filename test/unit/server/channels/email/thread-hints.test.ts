import { expect, test } from 'vitest'
import { threadHints } from '../../../../../server/channels/email/thread-hints.ts'

const base = {
  inReplyTo: undefined,
  references: undefined,
  subject: 'Order 9271',
  recipients: ['support@acme.example'],
  channelAddress: 'support@acme.example',
}

test('In-Reply-To comes first, then References from the parent back to the root, each once', () => {
  const hints = threadHints({
    ...base,
    inReplyTo: '<parent@acme.example>',
    references: ['<root@mail.example.org>', '<middle@acme.example>', '<parent@acme.example>'],
  })
  expect(hints.references).toEqual(['<parent@acme.example>', '<middle@acme.example>', '<root@mail.example.org>'])
})

test('a single reference given as one string, and several in one string, are both read', () => {
  expect(threadHints({ ...base, references: '<only@x>' }).references).toEqual(['<only@x>'])
  expect(threadHints({ ...base, references: '<a@x> <b@x>\r\n <c@x>' }).references).toEqual(['<c@x>', '<b@x>', '<a@x>'])
})

test('ids written without angle brackets gain them; junk is dropped', () => {
  expect(threadHints({ ...base, inReplyTo: 'bare@acme.example' }).references).toEqual(['<bare@acme.example>'])
  expect(threadHints({ ...base, inReplyTo: 'not an id' }).references).toEqual([])
})

test('no more than 100 references are kept, the nearest ones', () => {
  const many = Array.from({ length: 150 }, (_, i) => `<m${i}@x>`)
  const hints = threadHints({ ...base, references: many })
  expect(hints.references).toHaveLength(100)
  expect(hints.references[0]).toBe('<m149@x>')
})

test('a ticket number comes from a subject tag', () => {
  expect(threadHints({ ...base, subject: 'Re: Order 9271 [#1234]' }).ticketNumber).toBe(1234)
  expect(threadHints({ ...base, subject: 'Re: Order #1234' }).ticketNumber).toBeNull()
  expect(threadHints({ ...base, subject: '[#0]' }).ticketNumber).toBeNull()
  expect(threadHints({ ...base, subject: '[#99999999999]' }).ticketNumber).toBeNull()
})

test('the plus-address of the channel wins over the subject; other addresses carry no number', () => {
  const recipients = ['Support+77@Acme.Example', 'other+55@example.org']
  expect(threadHints({ ...base, subject: '[#1234]', recipients }).ticketNumber).toBe(77)
  expect(threadHints({ ...base, subject: 'hi', recipients: ['other+55@example.org'] }).ticketNumber).toBeNull()
  expect(threadHints({ ...base, subject: 'hi', recipients: ['support+abc@acme.example'] }).ticketNumber).toBeNull()
})
