// A mail's HTML as the message keeps it. Sanitised for display when it is of a size and shape the
// sanitiser handles quickly (its parser is quadratic in nesting depth, and it runs on the server's one
// thread, so a hostile mail could stall everything for seconds). HTML beyond that is not shown inline:
// it is kept whole as a file (message.html, served only as a sandboxed download), so nothing is lost,
// and the text comes from a plain part or a quick tag strip.
import { sanitiseEmailHtml } from './sanitise-html.ts'

/** Far beyond real mail (Gmail clips HTML at 102 KB); the parser's cost here is a fraction of a second. */
export const maxSanitisedHtmlChars = 1024 * 1024
/** Open elements inside each other; real mail stays in the tens, hostile mail goes to tens of thousands. */
const maxNesting = 2000

/** End tags a parser closes by itself (<p>, <li>, <td>...) and void elements never deepen the tree. */
const neverDeep = new Set(
  'p li td th tr dt dd option optgroup thead tbody tfoot colgroup rt rp html head body br hr img input meta link wbr col area base embed source track param'.split(
    ' ',
  ),
)

export interface EmailHtml {
  /** Safe HTML to show, or null. */
  html: string | null
  /** The original HTML, when it was too big or too deep to show: kept as a file. */
  original: string | null
}

export function emailHtml(raw: string | false | undefined): EmailHtml {
  if (!raw) return { html: null, original: null }
  if (raw.length > maxSanitisedHtmlChars || nestingDepth(raw) > maxNesting) return { html: null, original: raw }
  return { html: sanitiseEmailHtml(raw).trim() || null, original: null }
}

/** The deepest nesting of elements, counted in one linear pass (no parser). */
export function nestingDepth(html: string): number {
  let depth = 0
  let deepest = 0
  for (const match of html.matchAll(/<(\/?)([a-z][a-z0-9:-]*)[^<>]*?(\/?)>/gi)) {
    if (neverDeep.has(match[2]!.toLowerCase()) || match[3]) continue
    depth = match[1] ? Math.max(0, depth - 1) : depth + 1
    deepest = Math.max(deepest, depth)
  }
  return deepest
}

/** Readable text from HTML in linear time, for HTML too large to convert properly. */
export function roughText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/tr|\/li|\/h\d)\b[^<>]*>/gi, '\n')
    .replace(/<[^<>]*>/g, '')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#(\d{1,7});/g, (_, code: string) => String.fromCodePoint(Math.min(Number(code), 0x10ffff)))
    .replace(/&amp;/gi, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n\s*/g, '\n\n')
    .trim()
}
