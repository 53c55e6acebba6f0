// Announces the notifications that need the agent at once, as the bell reads them: a desktop notification
// each (clicking it brings the app forward on the ticket) and one chime for the lot, as the agent chose on
// this device. What was announced is remembered in localStorage, so a second tab or a reload does not
// announce it again; the first list read after the app starts (the backlog) is remembered, not announced.
import type { Notification as AgentNotification, NotificationKind } from '../../../shared/schema/notification.ts'
import { go, parseRoute } from '../hash-route.ts'
import { deviceKey } from '../offline/device-data.ts'
import type { StoredAlertSettings } from './alert-settings.ts'
import type { Chime } from './chime.ts'
import { notificationsToAnnounce } from './notifications-to-announce.ts'

const remembered = 200

const titles: Partial<Record<NotificationKind, string>> = {
  new_chat: 'New chat',
  mention: 'You were mentioned',
  assigned: 'Ticket assigned to you',
}

export interface Announcer {
  /** The bell's latest list (newest first). */
  read(items: readonly AgentNotification[]): void
}

export function createAnnouncer(agentId: string, alerts: StoredAlertSettings, chime: Chime): Announcer {
  const key = deviceKey(agentId, 'announced')
  let backlogRead = false
  const announced = (): string[] => {
    const kept: unknown = JSON.parse(localStorage.getItem(key) ?? '[]')
    return Array.isArray(kept) ? kept.filter((id): id is string => typeof id === 'string') : []
  }
  return {
    read(items) {
      const before = announced()
      const route = parseRoute(location.hash)
      const watched = route.screen === 'ticket' && document.hasFocus() ? route.ticketId : null
      const fresh = backlogRead ? notificationsToAnnounce(items, new Set(before), watched) : []
      backlogRead = true
      const seen = items.map((n) => n.id).filter((id) => !before.includes(id))
      if (seen.length) localStorage.setItem(key, JSON.stringify([...seen, ...before].slice(0, remembered)))
      if (!fresh.length) return
      const { desktop, sound } = alerts.settings()
      if (desktop && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        for (const n of fresh) show(n)
      }
      if (sound) chime.play()
    },
  }
}

function show(n: AgentNotification): void {
  const shown = new Notification(titles[n.kind] ?? 'Helpdesk', { body: n.body, tag: n.id })
  shown.onclick = () => {
    window.focus()
    if (n.ticketId) go(`#/tickets/${n.ticketId}`)
    shown.close()
  }
}
