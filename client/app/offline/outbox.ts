// Writes made while the server is out of reach: kept in the local database with an idempotency key made
// when the agent pressed the button, replayed in order when the network returns. A reply carries its key
// to the server, which sends a key once, so a replay after a lost answer never sends twice; a ticket
// change, a snooze, a bulk change and a read mark set fields to values, so sending them again changes nothing.
import { type Accessor, createSignal } from 'solid-js'
import { v4 as newKey } from 'uuid'
import { z } from 'zod'
import { messageResponseSchema } from '../../../shared/schema/message.ts'
import { bulkResponseSchema, ticketResponseSchema } from '../../../shared/schema/ticket.ts'
import { ticketReadResponseSchema } from '../../../shared/schema/ticket-read.ts'
import { ApiError, api, UnreachableError } from '../net/http.ts'
import type { LocalDb } from './local-db.ts'
import { putBackRefused } from './put-back-refused.ts'

/** A bulk change's `ticketId` is its first ticket; the payload names them all. */
export type OutboxKind = 'reply' | 'patch' | 'snooze' | 'bulk' | 'read'

export interface OutboxItem {
  key: string
  ticketId: string
  kind: OutboxKind
  payload: Record<string, unknown>
  error: string | null
}

export interface Outbox {
  items: Accessor<OutboxItem[]>
  /** Stores the write, then tries to send everything waiting. */
  add(kind: OutboxKind, ticketId: string, payload: Record<string, unknown>, key?: string): Promise<void>
  flush(): Promise<void>
  discard(key: string): Promise<void>
}

const sentSchema = z.union([messageResponseSchema, ticketResponseSchema])

/** `onRestored`: tickets whose local values were put back to the server's (the screens read them again). */
export function createOutbox(db: LocalDb, onSent: () => void, onRestored: (ticketIds: string[]) => void): Outbox {
  // The list in memory is what is sent; the local database keeps it across reloads. Sending never waits
  // for the database to open (a write made in the first seconds of a start goes out at once).
  const [items, setItems] = createSignal<OutboxItem[]>([])
  const sent = new Set<string>()
  let flushing: Promise<void> | null = null

  /** Adds what the database kept from an earlier visit (once it has opened). */
  async function restore(): Promise<void> {
    const result = await db.query<{
      key: string
      ticket_id: string
      kind: OutboxKind
      payload: Record<string, unknown>
      error: string | null
    }>('select key, ticket_id, kind, payload, error from outbox order by created_at, key')
    const kept = result.rows
      .filter((r) => !sent.has(r.key))
      .map((r) => ({ key: r.key, ticketId: r.ticket_id, kind: r.kind, payload: r.payload, error: r.error }))
    setItems((list) => [...kept.filter((k) => !list.some((i) => i.key === k.key)), ...list])
  }

  function persist(query: string, params: unknown[]): void {
    db.query(query, params).catch((error) => console.error('the outbox could not be stored', error))
  }

  async function send(item: OutboxItem): Promise<void> {
    if (item.kind === 'reply') {
      // Written offline, the agent could not be warned of a colleague's reply; they already chose to send.
      await api(sentSchema, 'POST', `/api/tickets/${item.ticketId}/replies`, {
        ...item.payload,
        idempotencyKey: item.key,
        confirm: true,
      })
    } else if (item.kind === 'snooze') {
      // An empty payload wakes the ticket.
      if (Object.keys(item.payload).length) await api(sentSchema, 'POST', `/api/tickets/${item.ticketId}/snooze`, item.payload)
      else await api(sentSchema, 'DELETE', `/api/tickets/${item.ticketId}/snooze`)
    } else if (item.kind === 'read') {
      const { read } = await api(ticketReadResponseSchema, 'PUT', `/api/me/reads/${item.ticketId}`, item.payload)
      // The server's time is the one the agent's other browsers compare with the ticket's last message.
      await db.query('update ticket_reads set seen_at = $2 where ticket_id = $1', [item.ticketId, read.seenAt])
    } else if (item.kind === 'bulk') {
      const { results } = await api(bulkResponseSchema, 'POST', '/api/tickets/bulk', item.payload)
      if (results.some((r) => !r.ok)) {
        const message = await putBackRefused(db, results)
        onRestored(results.filter((r) => !r.ok).map((r) => r.ticketId))
        throw new Error(message)
      }
    } else {
      await api(sentSchema, 'PATCH', `/api/tickets/${item.ticketId}`, item.payload)
    }
  }

  async function flushAll(): Promise<void> {
    // Read the list again after each send: a write added while a flush runs goes out in that flush
    // (add() hands back the running flush, so a snapshot taken at its start would leave it waiting).
    const tried = new Set<string>()
    for (;;) {
      const item = items().find((i) => !i.error && !sent.has(i.key) && !tried.has(i.key))
      if (!item) break
      tried.add(item.key)
      try {
        await send(item)
        sent.add(item.key)
        setItems((list) => list.filter((i) => i.key !== item.key))
        persist('delete from outbox where key = $1', [item.key])
        onSent()
      } catch (error) {
        if (error instanceof UnreachableError) break
        const message = error instanceof ApiError ? error.message : String(error)
        setItems((list) => list.map((i) => (i.key === item.key ? { ...i, error: message } : i)))
        persist('update outbox set error = $2 where key = $1', [item.key, message])
      }
    }
  }

  function flush(): Promise<void> {
    flushing ??= flushAll().finally(() => {
      flushing = null
    })
    return flushing
  }

  void restore().then(flush, (error) => console.error('the outbox could not be read', error))
  return {
    items,
    async add(kind, ticketId, payload, key = newKey()) {
      // Shown as waiting at once; stored so that a reload keeps it.
      setItems((list) => [...list, { key, ticketId, kind, payload, error: null }])
      persist('insert into outbox (key, ticket_id, kind, payload) values ($1, $2, $3, $4) on conflict (key) do nothing', [
        key,
        ticketId,
        kind,
        JSON.stringify(payload),
      ])
      await flush()
    },
    flush,
    async discard(key) {
      setItems((list) => list.filter((i) => i.key !== key))
      await db.query('delete from outbox where key = $1', [key])
    },
  }
}
