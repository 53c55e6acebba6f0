import { expect, test } from 'vitest'
import { emailHtml, maxSanitisedHtmlChars, nestingDepth, roughText } from '../../../../../server/channels/email/email-html.ts'
import { readEmail } from '../../../../../server/channels/email/read-email.ts'
import { mail } from './mail-fixtures.ts'

const channel = { id: 'c1', workspaceId: 'w1', address: 'support@acme.example' }
const headers = ['From: dana@example.org', 'Subject: x', 'Message-ID: <h@x>', 'Content-Type: text/html; charset=utf-8']

async function messageOf(html: string) {
  const outcome = await readEmail(mail(headers, html), [channel], null, new Date())
  if (!('events' in outcome) || outcome.events[0]!.type !== 'message') throw new Error('no message')
  return outcome.events[0]!.message
}

test('mail-sized HTML is sanitised and shown', () => {
  expect(emailHtml('<p>Hi</p><script>x</script>')).toEqual({ html: '<p>Hi</p>', original: null })
  expect(emailHtml(false)).toEqual({ html: null, original: null })
})

test('nesting is counted without a parser; implied end tags and void elements do not deepen it', () => {
  expect(nestingDepth('<div><div><span>x</span></div></div>')).toBe(3)
  expect(nestingDepth('<p>a<p>b<p>c<br><img src=x><li>d<td>e')).toBe(0)
  expect(nestingDepth('<div/><div />')).toBe(0)
  expect(nestingDepth('</div></div><b>x</b>')).toBe(1)
})

test('HTML nested to a depth no mail has is kept as a file, not sanitised: it would stall the server', async () => {
  const hostile = `${'<div>'.repeat(100_000)}deep hostile text${'</div>'.repeat(100_000)}`
  const started = Date.now()
  const message = await messageOf(hostile)
  expect(Date.now() - started).toBeLessThan(2_000)
  expect(message.html).toBeNull()
  expect(message.body).toBe('deep hostile text')
  expect(message.attachments).toEqual([expect.objectContaining({ name: 'message.html', mimeType: 'text/html', url: 'upload:0' })])
  expect(Buffer.from(message.files[0]!.base64, 'base64').toString('utf8').trim() === hostile).toBe(true)
})

test('HTML over the size limit is kept as a file, with text from a quick strip', async () => {
  const big = `<p>Hello &amp; welcome</p>${'<p>filler text</p>'.repeat(Math.ceil(maxSanitisedHtmlChars / 18))}`
  const message = await messageOf(big)
  expect(message.html).toBeNull()
  expect(message.body.startsWith('Hello & welcome\nfiller text')).toBe(true)
  expect(message.attachments.map((a) => a.name)).toEqual(['message.html'])
})

test('the quick strip is linear even for text full of angle brackets', () => {
  const started = Date.now()
  roughText('<'.repeat(2_000_000))
  roughText(`${'<a'.repeat(1_000_000)}>`)
  expect(Date.now() - started).toBeLessThan(2_000)
  expect(roughText('<style>p{}</style><p>a&lt;b&#8364;</p><br>c')).toBe('p{}a<b€\n\nc')
})
