// The floor, live: every agent on a ticket (viewing or typing) from the presence stream, and the queue
// per channel with what has waited longest, from the local database.
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js'
import { type Presence, presenceSchema } from '../../../shared/schema/presence.ts'
import { api } from '../net/http.ts'
import { Avatar } from '../ui/avatar.tsx'
import { ChannelIcon } from '../ui/channel-icon.tsx'
import { createNow } from '../ui/clock.ts'
import { sinceText } from '../ui/time-text.ts'
import type { Workspace } from '../workspace.ts'
import { queryQueues } from './queue-query.ts'
import { WorkViews } from './work-views.tsx'

export function SupervisorScreen(props: { ws: Workspace }) {
  const now = createNow()
  const [presence, setPresence] = createSignal<Presence | null>(null)
  const [problem, setProblem] = createSignal('')
  api(presenceSchema, 'GET', '/api/presence').then(setPresence, (error: Error) => setProblem(error.message))
  const stream = new EventSource('/api/presence/stream')
  stream.addEventListener('presence', (event) => {
    const parsed = presenceSchema.safeParse(JSON.parse((event as MessageEvent<string>).data))
    if (parsed.success) setPresence(parsed.data)
  })
  onCleanup(() => stream.close())

  const [queues] = createResource(
    () => props.ws.sync.revision(),
    () => queryQueues(props.ws.db),
    { initialValue: [] },
  )
  const byAgent = () => {
    const agents = new Map<string, { id: string; name: string; tickets: { ticketId: string; typing: boolean }[] }>()
    for (const ticket of presence()?.tickets ?? []) {
      for (const agent of ticket.agents) {
        const entry = agents.get(agent.id) ?? { id: agent.id, name: agent.name, tickets: [] }
        entry.tickets.push({ ticketId: ticket.ticketId, typing: agent.typing })
        agents.set(agent.id, entry)
      }
    }
    return [...agents.values()]
  }

  return (
    <section class="supervisor pad" aria-label="Supervisor">
      <h2>Agents online</h2>
      <Show when={!problem()} fallback={<p class="error">{problem()}</p>}>
        <table>
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">On tickets</th>
            </tr>
          </thead>
          <tbody>
            <For
              each={byAgent()}
              fallback={
                <tr>
                  <td colSpan={2}>Nobody is on a ticket right now.</td>
                </tr>
              }
            >
              {(agent) => (
                <tr>
                  <td>
                    <Avatar id={agent.id} name={agent.name} typing={agent.tickets.some((t) => t.typing)} /> {agent.name}
                  </td>
                  <td>
                    <For each={agent.tickets}>
                      {(t) => (
                        <a class="presence-ticket" href={`#/tickets/${t.ticketId}`}>
                          {t.typing ? 'typing in' : 'viewing'} {t.ticketId.slice(0, 8)}
                        </a>
                      )}
                    </For>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <WorkViews />
      <h2>Queues</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Channel</th>
            <th scope="col">Open</th>
            <th scope="col">Unassigned</th>
            <th scope="col">Waiting longest</th>
          </tr>
        </thead>
        <tbody>
          <For each={queues()}>
            {(q) => (
              <tr>
                <td>
                  <ChannelIcon kind={q.channel_kind} /> {q.channel_kind}
                </td>
                <td>{q.open}</td>
                <td>{q.unassigned}</td>
                <td>
                  <Show when={q.oldest_id}>
                    <a href={`#/tickets/${q.oldest_id}`}>
                      {q.oldest_name ?? 'Customer'}, {q.oldest_since ? sinceText(q.oldest_since, now()) : ''}
                    </a>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  )
}
