// The inbox's first screen, kept in localStorage: a reload shows the rows the agent last saw before any
// network answer or database read, and the live sources replace them a moment later (same ids, so the
// rows stay where they are). Only the opening view is kept; it is removed with the rest at sign-out.
import { deviceKey } from '../offline/device-data.ts'
import type { InboxRow } from './inbox-query.ts'

/** Rows kept: more than a tall screen shows. */
const keptRows = 60

interface Snapshot {
  rows: InboxRow[]
  count: number
}

/** Whether a first screen is kept (without reading it). */
export const snapshotKept = (agentId: string): boolean => localStorage.getItem(deviceKey(agentId, 'inbox')) !== null

export function readSnapshot(agentId: string): Snapshot | null {
  try {
    const kept = JSON.parse(localStorage.getItem(deviceKey(agentId, 'inbox')) ?? 'null') as Snapshot | null
    if (!kept || !Array.isArray(kept.rows)) return null
    return {
      count: kept.count,
      rows: kept.rows.map((row) => ({
        ...row,
        // Rows kept by an older version lack what rows show since.
        tags: row.tags ?? [],
        sla: row.sla ?? null,
        first_response_at: row.first_response_at ?? null,
        reply_failed: row.reply_failed ?? false,
        last_message_at: new Date(row.last_message_at),
        waiting_since: row.waiting_since ? new Date(row.waiting_since) : null,
      })),
    }
  } catch {
    return null
  }
}

export function writeSnapshot(agentId: string, rows: readonly InboxRow[]): void {
  try {
    localStorage.setItem(deviceKey(agentId, 'inbox'), JSON.stringify({ rows: rows.slice(0, keptRows), count: rows.length }))
  } catch {
    // A full storage only costs the next start its instant first screen.
  }
}
