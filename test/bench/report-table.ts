// The bench's result rows and the table they print as.
import type { TargetKind } from './targets.ts'

export interface Row {
  scenario: string
  kind: TargetKind
  msgsPerSec?: number
  p50?: number
  p95?: number
  p99?: number
  /** The aim as text, and whether it was met (undefined when there is none). */
  aim?: string
  met?: boolean
  note?: string
}

/** Columns a terminal gives the text: CJK and other wide characters take two. */
const wide = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff60]/gu
const width = (text: string) => text.length + (text.match(wide)?.length ?? 0)

const headers = ['scenario', 'db', 'msgs/s', 'p50 ms', 'p95 ms', 'p99 ms', 'aim', 'met', 'note']

function number(value: number | undefined, digits: number): string {
  return value === undefined || Number.isNaN(value) ? '' : value.toFixed(digits)
}

export function formatTable(rows: readonly Row[]): string {
  const cells = rows.map((r) => [
    r.scenario,
    r.kind,
    number(r.msgsPerSec, 0),
    number(r.p50, 1),
    number(r.p95, 1),
    number(r.p99, 1),
    r.aim ?? '',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
    r.note ?? '',
  ])
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => width(c[i]!))))
  const line = (c: string[]) => `| ${c.map((v, i) => v + ' '.repeat(widths[i]! - width(v))).join(' | ')} |`
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`
  return [line(headers), rule, ...cells.map(line)].join('\n')
}
