import { expect, test } from 'vitest'
import { baseAddress, canonicalAddress, plusSuffix } from '../../../../../server/channels/email/email-address.ts'
import { messageIdList, normaliseMessageId } from '../../../../../server/channels/email/message-id.ts'

test('addresses are compared in lower case; what is no address is null', () => {
  expect(canonicalAddress(' Dana@Example.ORG ')).toBe('dana@example.org')
  expect(canonicalAddress('MAILER-DAEMON')).toBeNull()
  expect(canonicalAddress('a b@example.org')).toBeNull()
})

test('a plus-address belongs to its base address', () => {
  expect(baseAddress('support+123@acme.example')).toBe('support@acme.example')
  expect(baseAddress('support@acme.example')).toBe('support@acme.example')
  expect(baseAddress('+x@acme.example')).toBe('+x@acme.example')
  expect(plusSuffix('support+123@acme.example')).toBe('123')
  expect(plusSuffix('support@acme.example')).toBeNull()
})

test('Message-IDs keep or gain their angle brackets', () => {
  expect(normaliseMessageId(' <a.b@c> ')).toBe('<a.b@c>')
  expect(normaliseMessageId('a.b@c')).toBe('<a.b@c>')
  expect(normaliseMessageId('')).toBeNull()
  expect(messageIdList('<a@x>, <b@x>')).toEqual(['<a@x>', '<b@x>'])
  expect(messageIdList('a@x b@x')).toEqual(['<a@x>', '<b@x>'])
})
