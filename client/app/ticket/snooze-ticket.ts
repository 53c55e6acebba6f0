// Snoozing from the app: shown at once in the local database (the ticket leaves the open views, and comes
// back there when the time passes, even offline), sent through the outbox.
import type { Workspace } from '../workspace.ts'

/** Null wakes the ticket. */
export type Snooze = { until: string | null; untilCustomerReplies: boolean } | null

export async function snoozeTickets(ws: Workspace, ticketIds: readonly string[], snooze: Snooze): Promise<void> {
  await ws.db.query(`update tickets set data = data || $2::jsonb where id in (select jsonb_array_elements_text($1::jsonb))`, [
    JSON.stringify(ticketIds),
    JSON.stringify({ snoozedUntil: snooze?.until ?? null, snoozedUntilCustomerReplies: snooze?.untilCustomerReplies ?? false }),
  ])
  ws.sync.touch([...ticketIds])
  for (const id of ticketIds) {
    const payload = snooze
      ? { ...(snooze.until ? { until: snooze.until } : {}), untilCustomerReplies: snooze.untilCustomerReplies }
      : {}
    await ws.outbox.add('snooze', id, payload)
  }
}

/** Front's presets, in the agent's own time zone. */
export function snoozePresets(now: Date): { label: string; until: Date }[] {
  const at = (days: number, hour: number) => {
    const d = new Date(now)
    d.setDate(d.getDate() + days)
    d.setHours(hour, 0, 0, 0)
    return d
  }
  const laterToday = new Date(now)
  laterToday.setHours(now.getHours() + 3, 0, 0, 0)
  const daysToMonday = (8 - now.getDay()) % 7 || 7
  return [
    { label: 'Later today', until: laterToday },
    { label: 'Tomorrow', until: at(1, 9) },
    { label: 'Next week', until: at(daysToMonday, 9) },
  ]
}
