// The signed-in agent's notifications (mentions, rules, SLAs, handoffs): an unread count in the header,
// the list on click, each linking to its ticket. Re-read whenever the sync stream sees a change.
import { createResource, createSignal, For, Show } from 'solid-js'
import { z } from 'zod'
import { notificationListSchema } from '../../../shared/schema/notification.ts'
import { api } from '../net/http.ts'
import type { Workspace } from '../workspace.ts'
import { clockText } from './time-text.ts'

export function NotificationBell(props: { ws: Workspace }) {
  const [open, setOpen] = createSignal(false)
  const [list, { refetch }] = createResource(
    () => props.ws.sync.revision(),
    () => api(notificationListSchema, 'GET', '/api/notifications?limit=20').catch(() => null),
  )
  async function readAll(): Promise<void> {
    await api(z.object({ ok: z.boolean() }), 'POST', '/api/notifications/read').catch(() => undefined)
    await refetch()
  }
  return (
    <div class="bell">
      <button type="button" aria-expanded={open()} onClick={() => setOpen((o) => !o)}>
        Notifications{list()?.unread ? ` (${list()?.unread})` : ''}
      </button>
      <Show when={open()}>
        <div class="bell-list" role="dialog" aria-label="Notifications">
          <For each={list()?.items ?? []} fallback={<p class="muted">Nothing yet.</p>}>
            {(n) => (
              <a
                classList={{ unread: !n.readAt }}
                href={n.ticketId ? `#/tickets/${n.ticketId}` : '#/'}
                onClick={() => setOpen(false)}
              >
                <span>{n.body}</span>
                <time dateTime={n.createdAt}>{clockText(n.createdAt)}</time>
              </a>
            )}
          </For>
          <button type="button" onClick={() => void readAll()}>
            Mark all read
          </button>
        </div>
      </Show>
    </div>
  )
}
