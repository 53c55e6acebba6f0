// The signed-in agent's notifications (mentions, rules, SLAs, handoffs, new chats): an unread count in the
// header, the list on click, each linking to its ticket, and the device's notification settings. Re-read
// after synced changes (a new chat, a note, an assignment each are one), at once and then at most every
// few seconds (a busy inbox changes many times a second; the bell need not ask the server each time).
// Each list read is handed to the announcer (desktop notifications and sound, if the agent opted in).
import { createEffect, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js'
import { z } from 'zod'
import { notificationListSchema } from '../../../shared/schema/notification.ts'
import { storedAlertSettings } from '../alerts/alert-settings.ts'
import { AlertSettingsForm } from '../alerts/alert-settings-form.tsx'
import { createAnnouncer } from '../alerts/announce-notifications.ts'
import { createChime } from '../alerts/chime.ts'
import { api } from '../net/http.ts'
import type { Workspace } from '../workspace.ts'
import { clockText } from './time-text.ts'

const rereadEveryMs = 2_000

export function NotificationBell(props: { ws: Workspace }) {
  const [open, setOpen] = createSignal(false)
  const [list, { refetch }] = createResource(() =>
    api(notificationListSchema, 'GET', '/api/notifications?limit=20').catch(() => null),
  )
  const alerts = storedAlertSettings(props.ws.me.id)
  const chime = createChime()
  const announcer = createAnnouncer(props.ws.me.id, alerts, chime)
  createEffect(
    on(list, (read) => {
      if (read) announcer.read(read.items)
    }),
  )
  let again: ReturnType<typeof setTimeout> | undefined
  let lastRead = Date.now() // the first read is under way
  const reread = () => {
    again = undefined
    lastRead = Date.now()
    void refetch()
  }
  createEffect(
    on(
      () => props.ws.sync.revision(),
      () => {
        if (again) return
        const wait = lastRead + rereadEveryMs - Date.now()
        if (wait <= 0) reread()
        else again = setTimeout(reread, wait)
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
          <AlertSettingsForm alerts={alerts} chime={chime} />
        </div>
      </Show>
    </div>
  )
}
