// Raw header values of a mail, as mailparser keeps them (headerLines): unfolded, in order, by name.
// mailparser turns some headers into objects (lists, addresses); the raw text is what loop and bounce
// detection need.
import type { HeaderLines } from 'mailparser'

/** Every value of the header `name` (case-insensitive), unfolded and trimmed, in order of appearance. */
export function headerValues(lines: HeaderLines, name: string): string[] {
  const key = name.toLowerCase()
  return lines.filter((l) => l.key === key).map((l) => unfold(l.line.slice(l.line.indexOf(':') + 1)))
}

/** The first value of the header `name`, or null. */
export function headerValue(lines: HeaderLines, name: string): string | null {
  return headerValues(lines, name)[0] ?? null
}

/** Header lines from raw header text (a delivery-status block, text/rfc822-headers, a quoted original). */
export function readHeaderLines(text: string): HeaderLines {
  const lines: { key: string; line: string }[] = []
  for (const raw of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(raw) && lines.length) lines[lines.length - 1]!.line += `\n${raw}`
    else if (/^[!-9;-~]+:/.test(raw)) lines.push({ key: raw.slice(0, raw.indexOf(':')).toLowerCase(), line: raw })
  }
  return lines
}

function unfold(value: string): string {
  return value.replace(/\r?\n(?=[ \t])/g, '').trim()
}
