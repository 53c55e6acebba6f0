// Delivery news about our outbound messages, set-based: statuses (sent, delivered, read, failed),
// Messenger's watermarks (everything up to a time is delivered or read), and customers' deletions.
// A status never moves backwards: statuses arrive out of order (read before delivered).
import { sql } from 'drizzle-orm'
import type { ChannelEvent } from '../channels/channel-event.ts'
import type { Db } from '../db/create-db.ts'
import { jsonRecords } from '../db/json-records.ts'
import { rows } from '../db/rows.ts'
import { contactIdentities } from '../db/schema/contacts.ts'
import { messages } from '../db/schema/messages.ts'
import { tickets } from '../db/schema/tickets.ts'

type Status = Extract<ChannelEvent, { type: 'status' }>
type Watermark = Extract<ChannelEvent, { type: 'watermark' }>
type Deleted = Extract<ChannelEvent, { type: 'deleted' }>
type Bounce = Extract<ChannelEvent, { type: 'bounce' }>

/** Rank of a status; an update applies only when it ranks higher. Failure can only follow queued or sent. */
const rank = (column: string) =>
  sql.raw(`(case ${column} when 'queued' then 0 when 'sent' then 1 when 'delivered' then 2 when 'read' then 3 else 4 end)`)
export interface DeliveryOutcome {
  /** Delivery reports that name no message we sent (stored apart). */
  unmatched: Bounce[]
  /** Tickets with a message that failed just now: their SLA is worked out again (a failed reply is no reply). */
  failedTicketIds: string[]
}

export async function applyDeliveryUpdates(db: Db, events: readonly ChannelEvent[]): Promise<DeliveryOutcome> {
  const statuses = events.filter((e): e is Status => e.type === 'status')
  const watermarks = events.filter((e): e is Watermark => e.type === 'watermark')
  const deletions = events.filter((e): e is Deleted => e.type === 'deleted')
  const failed = new Set<string>()
  if (statuses.length) for (const id of await applyStatuses(db, statuses)) failed.add(id)
  if (watermarks.length) await applyWatermarks(db, watermarks)
  if (deletions.length) await applyDeletions(db, deletions)
  const bounces = events.filter((e): e is Bounce => e.type === 'bounce')
  if (!bounces.length) return { unmatched: [], failedTicketIds: [...failed] }
  for (const id of await applyStatuses(db, bounces.map(bounceStatus))) failed.add(id)
  const known = await sentMessageIds(db, bounces)
  return { unmatched: bounces.filter((b) => !known.has(`${b.workspaceId}|${b.externalId}`)), failedTicketIds: [...failed] }
}

/** A delivery report as the status it gives our message: failed, delivered, or (delayed) still sent. */
function bounceStatus(bounce: Bounce): Status {
  const { workspaceId, channelId, externalId, at } = bounce
  const outcome = bounce.outcome ?? 'failed'
  const status = outcome === 'delayed' ? 'sent' : outcome
  return { type: 'status', workspaceId, channelId, externalId, at, status, error: outcome === 'failed' ? bounce.reason : null }
}

async function sentMessageIds(db: Db, bounces: Bounce[]): Promise<Set<string>> {
  const records = bounces.map((b) => ({ w: b.workspaceId, x: b.externalId }))
  const found = await rows<{ w: string; x: string }>(
    db,
    sql`select distinct v.w, v.x from ${jsonRecords(records, 'w uuid, x text')}
        join ${messages} m on m.workspace_id = v.w and m.external_id = v.x and m.direction = 'outbound'`,
  )
  return new Set(found.map((f) => `${f.w}|${f.x}`))
}

const statusRank = { sent: 1, delivered: 2, read: 3, failed: 4 } as const

/** Answers the tickets of the messages that failed. */
async function applyStatuses(db: Db, statuses: Status[]): Promise<string[]> {
  // One row per message: an UPDATE changes each row once, so of a batch's statuses the highest counts.
  const highest = new Map<string, Status>()
  for (const s of statuses) {
    const key = `${s.workspaceId}|${s.externalId}`
    const before = highest.get(key)
    if (!before || statusRank[s.status] > statusRank[before.status]) highest.set(key, s)
  }
  const records = [...highest.values()].map((s) => ({ w: s.workspaceId, x: s.externalId, status: s.status, error: s.error }))
  const changed = await rows<{ ticket_id: string; status: string }>(
    db,
    sql`
    update ${messages} m set status = v.status, error = coalesce(v.error, m.error)
    from ${jsonRecords(records, 'w uuid, x text, status text, error text')}
    where m.workspace_id = v.w and m.external_id = v.x and m.direction = 'outbound'
      and ${rank('v.status')} > ${rank('m.status')} and (v.status <> 'failed' or m.status in ('queued', 'sent'))
    returning m.ticket_id, m.status`,
  )
  return changed.filter((c) => c.status === 'failed').map((c) => c.ticket_id)
}

async function applyWatermarks(db: Db, watermarks: Watermark[]): Promise<void> {
  const records = watermarks.map((w) => ({
    ch: w.channelId,
    k: w.identity.kind,
    val: w.identity.value,
    status: w.status,
    upTo: w.upTo,
  }))
  await db.execute(sql`
    update ${messages} m set status = v.status
    from ${jsonRecords(records, 'ch uuid, k text, val text, status text, "upTo" timestamptz')}
    join ${contactIdentities} ci on ci.kind = v.k and ci.value = v.val
    join ${tickets} t on t.contact_id = ci.contact_id and t.channel_id = v.ch
    where m.ticket_id = t.id and m.direction = 'outbound' and m.status in ('sent', 'delivered')
      and m.created_at <= v."upTo" and ${rank('v.status')} > ${rank('m.status')}`)
}

async function applyDeletions(db: Db, deletions: Deleted[]): Promise<void> {
  const records = deletions.map((d) => ({ w: d.workspaceId, x: d.externalId, at: d.at }))
  await db.execute(sql`
    update ${messages} m set deleted_at = v.at
    from ${jsonRecords(records, 'w uuid, x text, at timestamptz')}
    where m.workspace_id = v.w and m.external_id = v.x and m.deleted_at is null`)
}
