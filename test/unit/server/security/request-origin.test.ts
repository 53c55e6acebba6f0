import { expect, test } from 'vitest'
import { isAllowedOrigin } from '../../../../server/security/request-origin.ts'

const publicUrl = 'https://help.acme.example'

test('our own origin (the public URL or the Host the request was sent to) is allowed', () => {
  expect(isAllowedOrigin({ origin: 'https://help.acme.example', secFetchSite: 'same-origin' }, publicUrl)).toBe(true)
  expect(isAllowedOrigin({ origin: 'https://HELP.acme.example' }, publicUrl)).toBe(true)
  expect(isAllowedOrigin({ origin: 'http://10.0.0.5:3000', host: '10.0.0.5:3000' }, publicUrl)).toBe(true)
})

test('a sibling site of the same registrable domain is as foreign as any other', () => {
  for (const origin of [
    'https://www.acme.example',
    'https://acme.example',
    'https://help.acme.example:8443',
    'http://help.acme.example',
  ]) {
    expect(isAllowedOrigin({ origin, secFetchSite: 'same-site', host: 'help.acme.example' }, publicUrl), origin).toBe(false)
  }
  expect(isAllowedOrigin({ origin: 'https://evil.example', host: 'help.acme.example' }, publicUrl)).toBe(false)
})

test('an opaque or unreadable origin is refused; no origin at all is not a browser page', () => {
  expect(isAllowedOrigin({ origin: 'null' }, publicUrl)).toBe(false)
  expect(isAllowedOrigin({ origin: 'file://' }, publicUrl)).toBe(false)
  expect(isAllowedOrigin({}, publicUrl)).toBe(true)
  expect(isAllowedOrigin({ secFetchSite: 'none' }, publicUrl)).toBe(true)
  expect(isAllowedOrigin({ secFetchSite: 'cross-site' }, publicUrl)).toBe(false)
  expect(isAllowedOrigin({ secFetchSite: 'same-site' }, publicUrl)).toBe(false)
})

test('other sites are allowed only when named, or when the endpoint is open to any site', () => {
  const shop = { origin: 'https://shop.example', secFetchSite: 'cross-site' }
  expect(isAllowedOrigin(shop, publicUrl, ['https://shop.example'])).toBe(true)
  expect(isAllowedOrigin(shop, publicUrl, ['https://www.shop.example'])).toBe(false)
  expect(isAllowedOrigin(shop, publicUrl, 'any')).toBe(true)
  expect(isAllowedOrigin({ origin: 'null' }, publicUrl, 'any')).toBe(false)
})
