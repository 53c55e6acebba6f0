// The signed-in app: the header (the agent's availability, the connection when it is lost, what waits to be
// sent, supervisor, sign-out), the inbox
// beside the open ticket on a wide screen, one or the other on a phone.
import { createEffect, createResource, createSignal, Match, on, Show, Switch } from 'solid-js'
import { createHashRoute, go } from './hash-route.ts'
import { InboxScreen } from './inbox/inbox-screen.tsx'
import { ShortcutHelp } from './keyboard/shortcut-help.tsx'
import { SampleData } from './sample/sample-data.tsx'
import type { Session } from './session.ts'
import { SettingsScreen } from './settings/settings-screen.tsx'
import { SupervisorScreen } from './supervisor/supervisor-screen.tsx'
import { TicketScreen } from './ticket/ticket-screen.tsx'
import { AvailabilityMenu } from './ui/availability-menu.tsx'
import { Avatar } from './ui/avatar.tsx'
import { NotificationBell } from './ui/notification-bell.tsx'
import { UndoToast } from './ui/undo-toast.tsx'
import type { Workspace } from './workspace.ts'

export function Shell(props: { ws: Workspace; session: Session }) {
  const route = createHashRoute()
  const ticketId = () => {
    const r = route()
    return r.screen === 'ticket' ? r.ticketId : null
  }
  const [ticketCount] = createResource(
    () => props.ws.sync.localReady() && { revision: props.ws.sync.revision() },
    async () => (await props.ws.db.query<{ n: number }>('select count(*)::int as n from tickets')).rows[0]?.n ?? 0,
  )
  // What the agent wrote or changed; a read mark on its way is not worth a word in the header.
  const waiting = () => props.ws.outbox.items().filter((item) => item.kind !== 'read').length
  const [menuOpen, setMenuOpen] = createSignal(false)
  // Going anywhere closes the phone's header menu.
  createEffect(on(route, () => setMenuOpen(false), { defer: true }))
  const settingsTab = () => {
    const r = route()
    return r.screen === 'settings' ? r.tab : null
  }

  return (
    <div class="shell" classList={{ 'has-ticket': Boolean(ticketId()) }}>
      <header class="top">
        <a class="brand" href="#/">
          Helpdesk
        </a>
        {/* The connection is shown when it matters (lost); connected, it is only told to screen readers. */}
        <Show
          when={props.ws.sync.reachable()}
          fallback={
            <span class="connection-lost" role="status">
              Offline: showing what is on this device
            </span>
          }
        >
          <span
            class="visually-hidden"
            role="status"
            title={
              props.ws.sync.savedAt() ? `Saved on this device at ${props.ws.sync.savedAt()?.toLocaleTimeString()}` : 'Syncing…'
            }
          >
            Connected
          </span>
        </Show>
        <Show when={waiting()}>
          <span class="outbox-count" role="status">
            {waiting()} waiting to be sent
          </span>
        </Show>
        <span class="spacer" />
        {/* On a phone these fold behind the Menu button, so the header keeps to one row. */}
        <button
          type="button"
          class="menu-toggle"
          aria-expanded={menuOpen()}
          aria-controls="header-more"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <div id="header-more" class="top-more" classList={{ open: menuOpen() }}>
          <AvailabilityMenu ws={props.ws} />
          <Show when={props.ws.me.role !== 'agent'}>
            <a href="#/supervisor">Supervisor</a>
          </Show>
          <Show when={props.ws.me.role === 'admin'} fallback={<a href="#/settings/replies">Saved replies</a>}>
            <a href="#/settings">Settings</a>
          </Show>
        </div>
        <NotificationBell ws={props.ws} />
        <Avatar id={props.ws.me.id} name={props.ws.me.name} />
        <button type="button" onClick={() => void props.session.signOut()}>
          Sign out
        </button>
      </header>
      <Show when={props.ws.rebuilt()}>
        <p class="rebuilt" role="alert">
          This device's copy of the inbox was damaged and is being fetched again; anything that was waiting to be sent from it is
          lost.
        </p>
      </Show>
      <Switch>
        <Match when={route().screen === 'supervisor'}>
          <SupervisorScreen ws={props.ws} />
        </Match>
        <Match when={settingsTab()}>{(tab) => <SettingsScreen ws={props.ws} tab={tab()} />}</Match>
        <Match when={true}>
          {/* The offer and the sample's notice concern the inbox, not settings or the supervisor's screen. */}
          <SampleData ws={props.ws} empty={ticketCount() === 0} />
          <div class="work">
            <InboxScreen ws={props.ws} openTicketId={ticketId()} onOpen={(id) => go(`#/tickets/${id}`)} />
            <main class="ticket-pane">
              <Show
                when={ticketId()}
                keyed
                fallback={<p class="muted pad">Choose a ticket. Press ? for the keyboard shortcuts.</p>}
              >
                {(id) => <TicketScreen ws={props.ws} ticketId={id} onBack={() => go('#/')} />}
              </Show>
            </main>
          </div>
        </Match>
      </Switch>
      <UndoToast />
      <ShortcutHelp />
    </div>
  )
}
