// The signed-in agent's notifications (mentions, rules, SLAs, handoffs): an unread count in the header,
// the list on click, each linking to its ticket. Re-read after synced changes, at most every few seconds
// (a busy inbox changes many times a second; the bell need not ask the server each time).
import { createEffect, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js'
import { z } from 'zod'
import { notificationListSchema } from '../../../shared/schema/notification.ts'
import { api } from '../net/http.ts'
import type { Workspace } from '../workspace.ts'
import { clockText } from './time-text.ts'

const rereadAfterMs = 2_000

export function NotificationBell(props: { ws: Workspace }) {
  const [open, setOpen] = createSignal(false)
  const [list, { refetch }] = createResource(() =>
    api(notificationListSchema, 'GET', '/api/notifications?limit=20').catch(() => null),
  )
  let again: ReturnType<typeof setTimeout> | undefined
  createEffect(
    on(
      () => props.ws.sync.revision(),
      () => {
        again ??= setTimeout(() => {
          again = undefined
          void refetch()
        }, rereadAfterMs)
      },
      { defer: true },
    ),
  )
  onCleanup(() => clearTimeout(again))
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
