// The floor, live: every agent with their availability and what they view or type (the presence stream,
// tickets named by number, subject and customer), and the queue per channel with what has waited
// longest, from the local database.
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js'
import { type Agent, agentListSchema } from '../../../shared/schema/agent.ts'
import { type Presence, presenceSchema } from '../../../shared/schema/presence.ts'
import { api } from '../net/http.ts'
import { Avatar } from '../ui/avatar.tsx'
import { ChannelIcon } from '../ui/channel-icon.tsx'
import { createNow } from '../ui/clock.ts'
import { sinceText } from '../ui/time-text.ts'
import type { Workspace } from '../workspace.ts'
import { queryQueues } from './queue-query.ts'
import { readTicketLabels } from './ticket-labels.ts'
import { WorkViews } from './work-views.tsx'

/** How often availabilities are read again while the screen is open. */
const agentsEveryMs = 10_000

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

  // Every agent of the workspace, whatever their availability (read again while the screen is open).
  const [agents, setAgents] = createSignal<Agent[]>(props.ws.agents())
  const readAgents = () =>
    api(agentListSchema, 'GET', '/api/agents').then(
      (list) => setAgents(list.items),
      () => undefined,
    )
  void readAgents()
  const agentsTimer = setInterval(() => void readAgents(), agentsEveryMs)
  onCleanup(() => clearInterval(agentsTimer))

  const presentTicketIds = () => [...new Set((presence()?.tickets ?? []).map((t) => t.ticketId))].sort()
  const [labels] = createResource(
    () => ({ ids: presentTicketIds(), local: props.ws.sync.localReady(), revision: props.ws.sync.revision() }),
    ({ ids, local }) => readTicketLabels(props.ws.db, local, ids),
    { initialValue: new Map<string, string>() },
  )

  const [queues] = createResource(
    () => props.ws.sync.revision(),
    () => queryQueues(props.ws.db),
    { initialValue: [] },
  )
  const byAgent = () => {
    const rows = new Map<
      string,
      { id: string; name: string; availability: string; tickets: { ticketId: string; typing: boolean }[] }
    >()
    for (const agent of agents()) rows.set(agent.id, { ...agent, tickets: [] })
    for (const ticket of presence()?.tickets ?? []) {
      for (const agent of ticket.agents) {
        const row = rows.get(agent.id) ?? { id: agent.id, name: agent.name, availability: 'online', tickets: [] }
        row.tickets.push({ ticketId: ticket.ticketId, typing: agent.typing })
        rows.set(agent.id, row)
      }
    }
    return [...rows.values()].sort((a, b) => availabilityOrder(a) - availabilityOrder(b) || a.name.localeCompare(b.name))
  }

  return (
    <section class="supervisor pad" aria-label="Supervisor">
      <h2>Agents</h2>
      <Show when={!problem()} fallback={<p class="error">{problem()}</p>}>
        <table>
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Availability</th>
              <th scope="col">On tickets</th>
            </tr>
          </thead>
          <tbody>
            <For each={byAgent()}>
              {(agent) => (
                <tr>
                  <td>
                    <Avatar id={agent.id} name={agent.name} typing={agent.tickets.some((t) => t.typing)} /> {agent.name}
                  </td>
                  <td class={`availability ${agent.availability}`}>{agent.availability}</td>
                  <td>
                    <For each={agent.tickets} fallback={<span class="muted">No ticket open</span>}>
                      {(t) => (
                        <a class="presence-ticket" href={`#/tickets/${t.ticketId}`}>
                          {t.typing ? 'typing in' : 'viewing'} {labels().get(t.ticketId) ?? 'a ticket'}
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

const availabilityOrder = (agent: { availability: string }) => ['online', 'away', 'offline'].indexOf(agent.availability)
