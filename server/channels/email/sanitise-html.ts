// Inbound mail HTML made safe to show beside its plain text: an allow-list of formatting, links, tables
// and images (sanitize-html, a maintained sanitiser). No script, style sheet, form, frame or event
// handler survives; links open apart from the app; remote images are not loaded until an agent asks:
// their address moves to data-remote-src. Inline images stay `cid:` (the client maps them to files).
import sanitizeHtml from 'sanitize-html'

const allowedTags = [
  ...['a', 'abbr', 'address', 'article', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br', 'caption', 'center', 'cite'],
  ...['code', 'col', 'colgroup', 'dd', 'del', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'font', 'footer'],
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q'],
  ...['s', 'samp', 'section', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th'],
  ...['thead', 'time', 'tr', 'tt', 'u', 'ul', 'var', 'wbr'],
]

const cell = ['align', 'valign', 'width', 'height', 'bgcolor', 'colspan', 'rowspan', 'nowrap']

/** Only these properties, only plain values: no url(), no expression(), no behaviours or bindings. */
const plainValue = /^(?:[-\w#.%,'" ]|(?:rgba?|hsla?)\([\d\s.,%]*\))+$/i
const styledProperties = [
  ...['color', 'background-color', 'font-family', 'font-size', 'font-style', 'font-weight', 'line-height'],
  ...['text-align', 'text-decoration', 'text-indent', 'text-transform', 'letter-spacing', 'white-space'],
  ...['vertical-align', 'width', 'max-width', 'min-width', 'height', 'border', 'border-top', 'border-right'],
  ...['border-bottom', 'border-left', 'border-color', 'border-style', 'border-width', 'border-collapse'],
  ...['border-spacing', 'border-radius', 'margin', 'margin-top', 'margin-right', 'margin-bottom', 'margin-left'],
  ...['padding', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left', 'display', 'list-style-type'],
]

const linkSchemes = ['http', 'https', 'mailto', 'tel']
const inlineImage = /^data:image\/(?:png|gif|jpe?g|webp|bmp);base64,[a-z0-9+/=\s]+$/i

const options: sanitizeHtml.IOptions = {
  allowedTags,
  allowedAttributes: {
    '*': ['align', 'dir', 'lang', 'title', 'style'],
    a: ['href', 'rel', 'target'],
    img: ['src', 'data-remote-src', 'alt', 'width', 'height', 'border'],
    font: ['color', 'face', 'size'],
    table: ['width', 'height', 'border', 'cellpadding', 'cellspacing', 'bgcolor'],
    td: cell,
    th: cell,
    tr: ['valign', 'bgcolor'],
    col: ['span', 'width'],
    colgroup: ['span', 'width'],
    ol: ['start', 'type'],
    ul: ['type'],
    time: ['datetime'],
  },
  allowedStyles: { '*': Object.fromEntries(styledProperties.map((property) => [property, [plainValue]])) },
  allowedSchemes: linkSchemes,
  allowedSchemesByTag: { img: ['cid', 'data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  // Text of these elements is not shown either (a style sheet, a page title, Office's XML islands).
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'template', 'xml', 'svg', 'math'],
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: linkAttributes(attribs) }),
    img: (tagName, attribs) => ({ tagName, attribs: imageAttributes(attribs) }),
  },
}

/** Safe HTML for an agent's screen: the same document, minus everything active or tracking. */
export function sanitiseEmailHtml(html: string): string {
  return sanitizeHtml(html, options)
}

function linkAttributes(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  const out: sanitizeHtml.Attributes = { rel: 'noopener noreferrer nofollow', target: '_blank' }
  const href = attribs.href?.trim() ?? ''
  if (new RegExp(`^(?:${linkSchemes.join('|')}):`, 'i').test(href)) out.href = href
  if (attribs.title) out.title = attribs.title
  return out
}

function imageAttributes(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  const out: sanitizeHtml.Attributes = {}
  for (const name of ['alt', 'width', 'height', 'border', 'title', 'style', 'align'])
    if (attribs[name] !== undefined) out[name] = attribs[name]!
  const src = (attribs.src ?? '').trim()
  const remote = remoteAddress(src)
  if (remote) out['data-remote-src'] = remote
  else if (/^cid:/i.test(src) || inlineImage.test(src)) out.src = src
  return out
}

/** An http(s) image address (a tracking pixel, perhaps), or null. Protocol-relative counts as https. */
function remoteAddress(src: string): string | null {
  const absolute = /^[/\\]{2}/.test(src) ? `https:${src}` : src
  if (!/^https?:/i.test(absolute)) return null
  try {
    const url = new URL(absolute)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}
