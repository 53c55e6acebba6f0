// The app's address lives in the hash (#/tickets/ID, #/supervisor), so the server serves one page and a
// reload offline, from the service worker's copy, lands on the same screen.
import { createSignal, onCleanup } from 'solid-js'
import { type SettingsTab, settingsTabs } from './settings/settings-screen.tsx'

export type Route =
  | { screen: 'inbox' }
  | { screen: 'ticket'; ticketId: string }
  | { screen: 'supervisor' }
  | { screen: 'settings'; tab: SettingsTab }

export function parseRoute(hash: string): Route {
  const ticket = /^#\/tickets\/([\w-]+)/.exec(hash)
  if (ticket) return { screen: 'ticket', ticketId: ticket[1]! }
  if (hash.startsWith('#/supervisor')) return { screen: 'supervisor' }
  const settings = /^#\/settings(?:\/(\w+))?/.exec(hash)
  if (settings) {
    const tab = settingsTabs.find((t) => t.id === settings[1])?.id ?? 'channels'
    return { screen: 'settings', tab }
  }
  return { screen: 'inbox' }
}

export function createHashRoute() {
  const [route, setRoute] = createSignal(parseRoute(location.hash))
  const onChange = () => setRoute(parseRoute(location.hash))
  window.addEventListener('hashchange', onChange)
  onCleanup(() => window.removeEventListener('hashchange', onChange))
  return route
}

export function go(hash: string): void {
  location.hash = hash
}
