import { expect, test } from 'vitest'
import { isLinkableUrl } from '../../../shared/schema/message.ts'

test('web addresses and our own stored files may be links', () => {
  for (const url of [
    'https://scontent.xx.fbcdn.net/v/box.jpg?stp=1',
    'http://shop.example/item/7',
    'HTTPS://SHOP.EXAMPLE/',
    '/api/attachments/0b5e1f2a-4c1d-4e8f-9a3b-2c7d5e6f7a8b',
  ]) {
    expect(isLinkableUrl(url), url).toBe(true)
  }
})

test('every other scheme, a protocol-relative or a backslash path is never a link', () => {
  for (const url of [
    'javascript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'geo:52.52,13.40',
    'wa-media:1234',
    '//evil.example/x',
    '/\\evil.example/x',
    '/api/attachments/../../evil',
    'https:// evil',
    '',
  ]) {
    expect(isLinkableUrl(url), url).toBe(false)
  }
})
