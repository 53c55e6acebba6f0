import { expect, test } from 'vitest'
import { parseVisitorFrame } from '../../../../../server/channels/chat/visitor-frame.ts'
import { issueVisitorToken, isVisitorToken, visitorIdOf } from '../../../../../server/channels/chat/visitor-token.ts'

test('parses each visitor frame', () => {
  expect(parseVisitorFrame('{"type":"hello","v":1}')).toEqual({ ok: true, frame: { type: 'hello', v: 1 } })
  expect(parseVisitorFrame('{"type":"message","clientId":"a","text":" hi "}')).toEqual({
    ok: true,
    frame: { type: 'message', clientId: 'a', text: 'hi' },
  })
  expect(parseVisitorFrame('{"type":"typing","typing":true}')).toMatchObject({ ok: true })
  expect(parseVisitorFrame('{"type":"identify","email":" Ana@Example.com "}')).toEqual({
    ok: true,
    frame: { type: 'identify', email: 'ana@example.com' },
  })
})

test('answers invalid_message for text that is not JSON, an unknown type, or a wrong version', () => {
  expect(parseVisitorFrame('hello')).toMatchObject({ ok: false, code: 'invalid_message' })
  expect(parseVisitorFrame('{"type":"shout"}')).toMatchObject({ ok: false, code: 'invalid_message' })
  expect(parseVisitorFrame('{"type":"hello","v":2}')).toMatchObject({ ok: false, code: 'invalid_message' })
  expect(parseVisitorFrame('{"type":"identify","email":"not an email"}')).toMatchObject({ ok: false, code: 'invalid_message' })
  expect(parseVisitorFrame('{"type":"message","clientId":"a","text":"   "}')).toMatchObject({
    ok: false,
    code: 'invalid_message',
    clientId: 'a',
  })
})

test('answers too_large, naming the message, for a text over 4000 characters', () => {
  expect(parseVisitorFrame(JSON.stringify({ type: 'message', clientId: 'a', text: 'x'.repeat(4001) }))).toMatchObject({
    ok: false,
    code: 'too_large',
    clientId: 'a',
  })
  expect(parseVisitorFrame(JSON.stringify({ type: 'message', clientId: 'a', text: 'x'.repeat(4000) }))).toMatchObject({
    ok: true,
  })
})

test('visitor tokens are issued in one shape, and only their hash is the visitor id', () => {
  const token = issueVisitorToken()
  expect(isVisitorToken(token)).toBe(true)
  expect(isVisitorToken('vt_short')).toBe(false)
  expect(isVisitorToken(undefined)).toBe(false)
  expect(visitorIdOf(token)).toMatch(/^[0-9a-f]{64}$/)
  expect(visitorIdOf(token)).not.toContain(token.slice(3))
  expect(issueVisitorToken()).not.toBe(token)
})
