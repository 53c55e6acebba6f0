// Who gets what of a pushed batch (no IO): each agent with a stream open gets the changed tickets they may
// see now, with the messages the batch wrote on them and their contacts, as one `tickets` event, then a
// `change` marked pushed (for clients that only pull). A ticket that left their sight is never named: if
// it was ever sent to them, their streams get a plain `change`, and the pull decides what each device
// drops (ticket-sightings.ts). Agents who see the same tickets share one serialised payload.
import type { SyncStreamEvent, SyncTicketsEvent } from '../../shared/schema/sync.ts'
import type { PushBatch } from './push-batch.ts'

export interface PushEvent {
  event: 'tickets' | 'change' | 'reads' | 'tags'
  data: string
}

export interface FanOut {
  /** By agent id: the events for each of their streams, in order. */
  events: Map<string, PushEvent[]>
  /** Tickets sent to agents (role agent) not yet recorded as in their sight. */
  sent: { agentId: string; ticketId: string }[]
}

export function changeEvent(at: string, pushed = false): PushEvent {
  const data: SyncStreamEvent = pushed ? { at, pushed } : { at }
  return { event: 'change', data: JSON.stringify(data) }
}

export function fanOut(batch: PushBatch, agentIds: Iterable<string>, at: string): FanOut {
  const order = new Map(batch.tickets.map((t, i) => [t.ticket.id, i]))
  const byAgent = new Map<string, { visible: string[]; pull: boolean }>()
  const sent: FanOut['sent'] = []
  for (const sight of batch.sights) {
    const seen = byAgent.get(sight.agentId) ?? { visible: [], pull: false }
    if (sight.visible) seen.visible.push(sight.ticketId)
    else if (sight.sighted) seen.pull = true
    if (sight.visible && sight.role === 'agent' && !sight.held) sent.push({ agentId: sight.agentId, ticketId: sight.ticketId })
    byAgent.set(sight.agentId, seen)
  }
  // One event object per distinct payload: serialised once, and framed once by the stream writer.
  const payloads = new Map<string, PushEvent>()
  const pushed = changeEvent(at, true)
  const pull = changeEvent(at)
  const events = new Map<string, PushEvent[]>()
  for (const agentId of agentIds) {
    const seen = byAgent.get(agentId)
    if (!seen) continue
    const list: PushEvent[] = []
    if (seen.visible.length) {
      const ids = seen.visible.sort((a, b) => order.get(a)! - order.get(b)!)
      const key = ids.join(',')
      let event = payloads.get(key)
      if (!event) {
        event = { event: 'tickets', data: JSON.stringify(payload(batch, ids)) }
        payloads.set(key, event)
      }
      list.push(event)
    }
    if (seen.pull || list.length) list.push(seen.pull ? pull : pushed)
    if (list.length) events.set(agentId, list)
  }
  return { events, sent }
}

function payload(batch: PushBatch, ticketIds: readonly string[]): SyncTicketsEvent {
  const wanted = new Set(ticketIds)
  const tickets = batch.tickets.filter((t) => wanted.has(t.ticket.id)).map((t) => t.ticket)
  const contactIds = [...new Set(tickets.map((t) => t.contactId))]
  return {
    tickets,
    messages: ticketIds.flatMap((id) => batch.messages.get(id) ?? []),
    contacts: contactIds.flatMap((id) => batch.contacts.get(id) ?? []),
  }
}
