// The SLA target an inbox row counts down to: the first reply while none went out, the next reply while
// one is due, and the resolution; the earliest of those that apply. Past its time, it is breached.
import type { InboxRow } from './inbox-query.ts'

export interface SlaDue {
  at: number
  metric: 'first reply' | 'next reply' | 'resolution'
  breached: boolean
}

export function slaDue(row: Pick<InboxRow, 'status' | 'sla' | 'first_response_at'>, now: number): SlaDue | null {
  if (!row.sla || (row.status !== 'open' && row.status !== 'pending')) return null
  const targets: [SlaDue['metric'], string | null][] = [
    ['first reply', row.first_response_at ? null : row.sla.firstReplyDueAt],
    ['next reply', row.sla.nextReplyDueAt],
    ['resolution', row.sla.resolutionDueAt],
  ]
  let due: SlaDue | null = null
  for (const [metric, iso] of targets) {
    if (!iso) continue
    const at = Date.parse(iso)
    if (!due || at < due.at) due = { at, metric, breached: at <= now }
  }
  return due
}
