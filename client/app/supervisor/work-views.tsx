// What needs a manager's eye, from the server's work views: waiting on us, waiting on the customer,
// breaching or about to, unassigned, and stalled. Refreshed every 30 s while open.
import { createResource, For, onCleanup, Show } from 'solid-js'
import type { z } from 'zod'
import { ticketPageSchema } from '../../../shared/schema/ticket.ts'
import { api } from '../net/http.ts'

const views = [
  { id: 'breaching', label: 'Breaching or about to' },
  { id: 'waiting_on_us', label: 'Waiting on us' },
  { id: 'unassigned', label: 'Unassigned' },
  { id: 'stalled', label: 'Stalled' },
  { id: 'waiting_on_customer', label: 'Waiting on the customer' },
] as const

type TicketPage = z.infer<typeof ticketPageSchema>

export function WorkViews() {
  // Unreachable, the lists shown stay (a failed read would throw where they are shown).
  let shown: TicketPage[] | null = null
  const [lists, { refetch }] = createResource(async () => {
    shown = await Promise.all(views.map((view) => api(ticketPageSchema, 'GET', `/api/tickets?view=${view.id}&limit=10`))).catch(
      () => shown,
    )
    return shown
  })
  const timer = setInterval(() => void refetch(), 30_000)
  onCleanup(() => clearInterval(timer))
  return (
    <>
      <h2>What is waiting</h2>
      <div class="work-views">
        <For each={views}>
          {(view, i) => (
            <section aria-label={view.label}>
              <h3>
                {view.label}{' '}
                <span class="count">
                  {lists()?.[i()]?.items.length ?? '…'}
                  {lists()?.[i()]?.nextCursor ? '+' : ''}
                </span>
              </h3>
              <ul>
                <For each={lists()?.[i()]?.items ?? []} fallback={<li class="muted">None</li>}>
                  {(ticket) => (
                    <li>
                      <a href={`#/tickets/${ticket.id}`}>
                        #{ticket.number} {ticket.subject ?? ticket.lastMessagePreview ?? ''}
                      </a>
                      <Show when={ticket.replyFailedAt}>
                        {' '}
                        <span class="reply-failed">Reply not delivered</span>
                      </Show>
                      <span class="muted">
                        {' '}
                        {ticket.channelKind} · {ticket.priority}
                      </span>
                    </li>
                  )}
                </For>
              </ul>
            </section>
          )}
        </For>
      </div>
    </>
  )
}
