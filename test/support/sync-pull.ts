// A device's pull of GET /api/sync, page after page until `more` is false, as the app does on `change`.
import type { ApiClient } from './api-client.ts'

export interface Pulled {
  /** Every ticket row sent, in order (one ticket sent twice appears twice). */
  sent: any[]
  tickets: Map<string, any>
  messages: Map<string, any>
  removedTicketIds: string[]
  cursor: string
  pages: number
}

export async function pullAll(client: ApiClient, cursor?: string, limit = 500): Promise<Pulled> {
  const pulled: Pulled = { sent: [], tickets: new Map(), messages: new Map(), removedTicketIds: [], cursor: '', pages: 0 }
  let next = cursor
  for (; pulled.pages < 100; ) {
    const response = await client.get(`/api/sync?limit=${limit}${next ? `&cursor=${encodeURIComponent(next)}` : ''}`)
    if (response.status !== 200) throw new Error(`sync: ${response.status} ${JSON.stringify(response.body)}`)
    pulled.pages++
    pulled.sent.push(...response.body.tickets)
    for (const t of response.body.tickets) pulled.tickets.set(t.id, t)
    for (const m of response.body.messages) pulled.messages.set(m.id, m)
    pulled.removedTicketIds.push(...response.body.removedTicketIds)
    next = response.body.cursor
    if (!response.body.more) break
  }
  pulled.cursor = next!
  return pulled
}

/**
 * A cursor after which nothing changed for `quietMs`: the work that follows a write's answer (rules, SLA
 * times, the priority score) is done, so what a test changes next is all a pull from it brings.
 */
export async function settledCursor(client: ApiClient, quietMs = 300): Promise<string> {
  let cursor = (await pullAll(client)).cursor
  for (let round = 0; round < 50; round++) {
    await new Promise((resolve) => setTimeout(resolve, quietMs))
    const next = await pullAll(client, cursor)
    if (!next.sent.length && !next.removedTicketIds.length) return cursor
    cursor = next.cursor
  }
  throw new Error('the tickets never stopped changing')
}
