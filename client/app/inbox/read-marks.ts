// The agent's read marks: kept on the server (GET/PUT /api/me/reads) so every browser of the agent shows
// the same ones, and copied into the local database (ticket_reads) for the inbox's unread dots and
// counts. Marking writes the local copy at once, then goes to the server through the outbox (so a mark
// made offline is sent when the network returns); the server tells the agent's other browsers (a `reads`
// event on their sync stream) and they read the marks again.
import { ticketReadListSchema } from '../../../shared/schema/ticket-read.ts'
import { api } from '../net/http.ts'
import type { LocalDb } from '../offline/local-db.ts'
import type { Outbox } from '../offline/outbox.ts'
import type { SyncClient } from '../offline/sync-client.ts'

/** What marking needs of the workspace. */
export interface ReadMarking {
  db: LocalDb
  sync: Pick<SyncClient, 'touch'>
  outbox: Pick<Outbox, 'add'>
}

/**
 * Replaces the local copy with the server's marks; the inbox re-reads. A mark still waiting in the outbox
 * is kept: the server has not heard of it yet.
 */
export async function pullReads(db: LocalDb, sync: Pick<SyncClient, 'touch'>): Promise<void> {
  const { items } = await api(ticketReadListSchema, 'GET', '/api/me/reads')
  await db.query(
    `with waiting as (select ticket_id from outbox where kind = 'read'),
          marks as (select r->>'ticketId' as ticket_id, (r->>'seenAt')::timestamptz as seen_at
                    from jsonb_array_elements($1::jsonb) r where r->>'ticketId' not in (select ticket_id from waiting)),
          gone as (delete from ticket_reads where ticket_id not in (select ticket_id from marks)
                                              and ticket_id not in (select ticket_id from waiting))
     insert into ticket_reads (ticket_id, seen_at) select ticket_id, seen_at from marks
     on conflict (ticket_id) do update set seen_at = excluded.seen_at`,
    [JSON.stringify(items)],
  )
  sync.touch()
}

/** Marks the ticket read when it has news for this agent; true when it was unread. */
export async function markRead(ws: ReadMarking, ticketId: string): Promise<boolean> {
  const unread = await ws.db.query<{ unread: boolean }>(
    `select (r.seen_at is null or r.seen_at < t.last_message_at) as unread
     from tickets t left join ticket_reads r on r.ticket_id = t.id where t.id = $1`,
    [ticketId],
  )
  if (unread.rows[0]?.unread === false) return false
  await setMark(ws, ticketId, true)
  return true
}

/** Marks the ticket unread for this agent (the `u` key, "Mark unread"), on every browser of theirs. */
export async function markUnread(ws: ReadMarking, ticketId: string): Promise<void> {
  await setMark(ws, ticketId, false)
}

/** `u` on ticked rows: each marked unread; a mark the server refused is named by the outbox. */
export async function markTicketsUnread(ws: ReadMarking, ticketIds: readonly string[]) {
  await Promise.all(ticketIds.map((id) => markUnread(ws, id).catch(() => undefined)))
}

async function setMark(ws: ReadMarking, ticketId: string, read: boolean): Promise<void> {
  await ws.db.query(
    `insert into ticket_reads (ticket_id, seen_at) values ($1, case when $2::boolean then now() end)
     on conflict (ticket_id) do update set seen_at = excluded.seen_at`,
    [ticketId, read],
  )
  ws.sync.touch([ticketId])
  // Sent at once when the server is reachable, else when it is again (the outbox stores the server's time).
  await ws.outbox.add('read', ticketId, { read })
}
