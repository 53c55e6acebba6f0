import { expect, test } from 'vitest'
import { clientAddress } from '../../../../server/security/client-address.ts'

test('the connection’s address, unless proxies were declared', () => {
  expect(clientAddress('203.0.113.7', undefined, 0)).toBe('203.0.113.7')
  // Without TRUST_PROXY_HOPS, X-Forwarded-For is whatever the client wrote: ignored.
  expect(clientAddress('203.0.113.7', '198.51.100.1', 0)).toBe('203.0.113.7')
  expect(clientAddress('::ffff:203.0.113.7', undefined, 0)).toBe('203.0.113.7')
  expect(clientAddress(undefined, undefined, 0)).toBe('unknown')
})

test('behind proxies, the address the nearest trusted proxy saw, read from the right', () => {
  expect(clientAddress('10.0.0.2', '198.51.100.1', 1)).toBe('198.51.100.1')
  expect(clientAddress('10.0.0.2', 'forged, 1.2.3.4, 198.51.100.1', 1)).toBe('198.51.100.1')
  expect(clientAddress('10.0.0.2', 'forged, 198.51.100.1, 10.0.0.9', 2)).toBe('198.51.100.1')
  expect(clientAddress('10.0.0.2', '198.51.100.1', 2)).toBe('198.51.100.1')
  expect(clientAddress('10.0.0.2', undefined, 1)).toBe('10.0.0.2')
})

test('an IPv6 client is its /64, so changing the last bits does not make a new client', () => {
  expect(clientAddress('2001:db8:1:2:aaaa::1', undefined, 0)).toBe('2001:db8:1:2::/64')
  expect(clientAddress('2001:0db8:0001:0002:ffff:ffff:ffff:ffff', undefined, 0)).toBe('2001:db8:1:2::/64')
  expect(clientAddress('::1', undefined, 0)).toBe('0:0:0:0::/64')
  expect(clientAddress('10.0.0.2', '[2001:db8::5]', 1)).toBe('2001:db8:0:0::/64')
  expect(clientAddress('10.0.0.2', 'not-an-address:::', 1)).toBe('unknown')
})
