// Who else is on which ticket, live, for the inbox rows: the presence stream (the server sends an agent
// only the tickets they may see). The agent's own presence is left out.
import { type Accessor, createSignal, onCleanup } from 'solid-js'
import { type PresentAgent, presenceSchema } from '../../../shared/schema/presence.ts'

export function createTicketPresence(meId: string): Accessor<ReadonlyMap<string, PresentAgent[]>> {
  const [byTicket, setByTicket] = createSignal<ReadonlyMap<string, PresentAgent[]>>(new Map())
  // EventSource reconnects by itself after a network loss; each event is the whole picture.
  const stream = new EventSource('/api/presence/stream')
  stream.addEventListener('presence', (event) => {
    const parsed = presenceSchema.safeParse(JSON.parse((event as MessageEvent<string>).data))
    if (!parsed.success) return
    const next = new Map<string, PresentAgent[]>()
    for (const ticket of parsed.data.tickets) {
      const others = ticket.agents.filter((a) => a.id !== meId)
      if (others.length) next.set(ticket.ticketId, others)
    }
    setByTicket(next)
  })
  onCleanup(() => stream.close())
  return byTicket
}
