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
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`
  return [line(headers), rule, ...cells.map(line)].join('\n')
}
