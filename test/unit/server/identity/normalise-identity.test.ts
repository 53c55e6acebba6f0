import { expect, test } from 'vitest'
import { normaliseIdentities, toE164 } from '../../../../server/identity/normalise-identity.ts'

test('formats international phone numbers as E.164', () => {
  expect(toE164('+81 90-1234-5678')).toBe('+819012345678')
  expect(toE164('+1 (415) 555-2671')).toBe('+14155552671')
})

test('reads a WhatsApp wa_id (digits without plus) as an international number', () => {
  expect(toE164('4915112345678')).toBe('+4915112345678')
})

test('refuses numbers that are not valid', () => {
  expect(toE164('12')).toBeNull()
  expect(toE164('not a phone')).toBeNull()
  expect(toE164('+1 555')).toBeNull()
})

test('lower-cases emails, drops empty and invalid values, removes duplicates', () => {
  expect(
    normaliseIdentities([
      { kind: 'email', value: ' Taro@Example.JP ' },
      { kind: 'email', value: 'taro@example.jp' },
      { kind: 'phone', value: 'garbage' },
      { kind: 'messenger', value: '  ' },
      { kind: 'whatsapp', value: '+4915112345678' },
      { kind: 'instagram', value: '178414' },
    ]),
  ).toEqual([
    { kind: 'email', value: 'taro@example.jp' },
    { kind: 'whatsapp', value: '4915112345678' },
    { kind: 'instagram', value: '178414' },
  ])
})
