// The agent's read marks: kept on the server (GET/PUT /api/me/reads) so every browser of the agent shows
// the same ones, and copied into the local database (ticket_reads) for the inbox's unread dots and
// counts. Marking writes the local copy at once, then the server; the server tells the agent's other
// browsers (a `reads` event on their sync stream) and they read the marks again.
import { ticketReadListSchema, ticketReadResponseSchema } from '../../../shared/schema/ticket-read.ts'
import { api } from '../net/http.ts'
import type { LocalDb } from '../offline/local-db.ts'
import type { SyncClient } from '../offline/sync-client.ts'

/** Replaces the local copy with the server's marks; the inbox re-reads. */
export async function pullReads(db: LocalDb, sync: Pick<SyncClient, 'touch'>): Promise<void> {
  const { items } = await api(ticketReadListSchema, 'GET', '/api/me/reads')
  await db.query(
    `with marks as (select r->>'ticketId' as ticket_id, (r->>'seenAt')::timestamptz as seen_at
                    from jsonb_array_elements($1::jsonb) r),
          gone as (delete from ticket_reads where ticket_id not in (select ticket_id from marks))
     insert into ticket_reads (ticket_id, seen_at) select ticket_id, seen_at from marks
     on conflict (ticket_id) do update set seen_at = excluded.seen_at`,
    [JSON.stringify(items)],
  )
  sync.touch()
}

/** Marks the ticket read when it has news for this agent; true when it was unread. */
export async function markRead(db: LocalDb, sync: Pick<SyncClient, 'touch'>, ticketId: string): Promise<boolean> {
  const unread = await db.query<{ unread: boolean }>(
    `select (r.seen_at is null or r.seen_at < t.last_message_at) as unread
     from tickets t left join ticket_reads r on r.ticket_id = t.id where t.id = $1`,
    [ticketId],
  )
  if (unread.rows[0]?.unread === false) return false
  await setMark(db, sync, ticketId, true)
  return true
}

/** Marks the ticket unread for this agent (the `u` key, "Mark unread"), on every browser of theirs. */
export async function markUnread(db: LocalDb, sync: Pick<SyncClient, 'touch'>, ticketId: string): Promise<void> {
  await setMark(db, sync, ticketId, false)
}

/** `u` on ticked rows: each marked unread; a mark the server did not take stays on this device only. */
export async function markTicketsUnread(ws: { db: LocalDb; sync: Pick<SyncClient, 'touch'> }, ticketIds: readonly string[]) {
  await Promise.all(ticketIds.map((id) => markUnread(ws.db, ws.sync, id).catch(() => undefined)))
}

async function setMark(db: LocalDb, sync: Pick<SyncClient, 'touch'>, ticketId: string, read: boolean): Promise<void> {
  await db.query(
    `insert into ticket_reads (ticket_id, seen_at) values ($1, case when $2::boolean then now() end)
     on conflict (ticket_id) do update set seen_at = excluded.seen_at`,
    [ticketId, read],
  )
  sync.touch([ticketId])
  const { read: mark } = await api(ticketReadResponseSchema, 'PUT', `/api/me/reads/${ticketId}`, { read })
  // The server's time is the one the others compare with the ticket's last message.
  await db.query('update ticket_reads set seen_at = $2 where ticket_id = $1', [ticketId, mark.seenAt])
}
