// A mail's text: its plain part, or, when it has none (HTML-only mail, often HTML inside
// multipart/related or mixed), text derived from its HTML by html-to-text, a maintained converter, so
// search, rules, sentiment, the inbox preview and notifications read what the customer wrote.
import { convert, type HtmlToTextOptions } from 'html-to-text'
import { roughText } from './email-html.ts'

const options: HtmlToTextOptions = {
  wordwrap: false,
  selectors: [
    { selector: 'img', format: 'skip' },
    { selector: 'a', options: { hideLinkIfSameAsText: true } },
  ],
}

/**
 * The plain part when it says anything; else the shown (sanitised) HTML as text; else the HTML too big
 * to show, converted by a linear strip.
 */
export function emailText(plain: string | undefined, shownHtml: string | null, originalHtml: string | null): string {
  if (plain?.trim()) return plain
  if (shownHtml) return convert(shownHtml, options).trim()
  if (originalHtml) return roughText(originalHtml)
  return plain ?? ''
}
