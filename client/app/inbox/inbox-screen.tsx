// The inbox: views (mine, unassigned, all, per channel, pending, resolved), filters, search, and the
// virtualised list, all read from the local database and re-read whenever the sync stores a change.
// Keys: j/k move, Enter opens, e resolves, a assigns to me, / searches.
import { createEffect, createResource, createSignal, For, onCleanup, Show } from 'solid-js'
import { channelKinds } from '../../../shared/schema/common.ts'
import { ticketStatuses } from '../../../shared/schema/ticket.ts'
import { changeTicket } from '../ticket/change-ticket.ts'
import { channelNames } from '../ui/channel-icon.tsx'
import { createNow } from '../ui/clock.ts'
import { VirtualList } from '../ui/virtual-list.tsx'
import type { Workspace } from '../workspace.ts'
import { type InboxFilters, type InboxView, queryInbox } from './inbox-query.ts'
import { InboxRowView } from './inbox-row.tsx'

const views: { view: InboxView; label: string }[] = [
  { view: 'mine', label: 'Mine' },
  { view: 'unassigned', label: 'Unassigned' },
  { view: 'all', label: 'All' },
  ...channelKinds.map((kind) => ({ view: `channel:${kind}` as InboxView, label: channelNames[kind] })),
  { view: 'pending', label: 'Pending' },
  { view: 'resolved', label: 'Resolved' },
]

export function InboxScreen(props: { ws: Workspace; openTicketId: string | null; onOpen: (id: string) => void }) {
  const [view, setView] = createSignal<InboxView>('all')
  const [filters, setFilters] = createSignal<InboxFilters>({})
  // The keyboard selection follows its ticket when new ones arrive above it.
  const [selectedId, setSelectedId] = createSignal<string | null>(null)
  const selected = () => {
    const index = rows().findIndex((r) => r.id === selectedId())
    return Math.max(index, 0)
  }
  const setSelected = (next: number | ((i: number) => number)) => {
    const index = typeof next === 'function' ? next(selected()) : next
    setSelectedId(rows()[index]?.id ?? null)
  }
  const now = createNow()
  let search!: HTMLInputElement

  const [rows] = createResource(
    () => ({ view: view(), filters: filters(), revision: props.ws.sync.revision() }),
    (key) => queryInbox(props.ws.db, props.ws.me.id, key.view, key.filters),
    { initialValue: [] },
  )
  const setFilter = (name: keyof InboxFilters, value: string) => setFilters((f) => ({ ...f, [name]: value || undefined }))

  // For the bench: when the first rows were on screen, beside when the local database opened.
  createEffect(() => {
    if (rows().length && !performance.getEntriesByName('inbox-rows').length) performance.mark('inbox-rows')
  })
  createEffect(() => {
    const index = rows().findIndex((r) => r.id === props.openTicketId)
    if (index >= 0) setSelected(index)
  })

  const onKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement
    if (target.closest('input, textarea, select, [contenteditable]') || event.metaKey || event.ctrlKey || event.altKey) return
    const list = rows()
    const current = list[selected()]
    if (event.key === 'j') setSelected((i) => Math.min(list.length - 1, i + 1))
    else if (event.key === 'k') setSelected((i) => Math.max(0, i - 1))
    else if (event.key === 'Enter' && current) props.onOpen(current.id)
    else if (event.key === 'e' && current) void changeTicket(props.ws, current.id, { status: 'resolved' })
    else if (event.key === 'a' && current) void changeTicket(props.ws, current.id, { assigneeId: props.ws.me.id })
    else if (event.key === '/') search.focus()
    else return
    event.preventDefault()
  }
  document.addEventListener('keydown', onKey)
  onCleanup(() => document.removeEventListener('keydown', onKey))

  return (
    <section class="inbox" aria-label="Inbox">
      <nav class="views" aria-label="Views">
        <For each={views}>
          {(v) => (
            <button
              type="button"
              classList={{ active: view() === v.view }}
              aria-pressed={view() === v.view}
              onClick={() => setView(v.view)}
            >
              {v.label}
            </button>
          )}
        </For>
      </nav>
      <div class="filters">
        <input
          ref={search}
          type="search"
          aria-label="Search tickets"
          placeholder="Search  ( / )"
          onInput={(e) => setFilter('q', e.currentTarget.value)}
        />
        <select aria-label="Status" onChange={(e) => setFilter('status', e.currentTarget.value)}>
          <option value="">Any status</option>
          <For each={ticketStatuses}>{(s) => <option value={s}>{s}</option>}</For>
        </select>
        <select aria-label="Channel" onChange={(e) => setFilter('channel', e.currentTarget.value)}>
          <option value="">Any channel</option>
          <For each={channelKinds}>{(k) => <option value={k}>{channelNames[k]}</option>}</For>
        </select>
        <select aria-label="Assignee" onChange={(e) => setFilter('assigneeId', e.currentTarget.value)}>
          <option value="">Anyone</option>
          <option value="none">Nobody</option>
          <For each={props.ws.agents()}>{(a) => <option value={a.id}>{a.name}</option>}</For>
        </select>
        <select aria-label="Team" onChange={(e) => setFilter('teamId', e.currentTarget.value)}>
          <option value="">Any team</option>
          <For each={props.ws.teams()}>{(t) => <option value={t.id}>{t.name}</option>}</For>
        </select>
        <input type="text" aria-label="Tag" placeholder="Tag" onChange={(e) => setFilter('tag', e.currentTarget.value.trim())} />
        <select aria-label="Sort" onChange={(e) => setFilter('sort', e.currentTarget.value)}>
          <option value="">Newest activity</option>
          <option value="priority">Most urgent</option>
        </select>
      </div>
      <Show when={rows.error}>
        <p class="error" role="alert">
          The inbox could not be read: {String(rows.error)}
        </p>
      </Show>
      <p class="inbox-count" aria-live="polite">
        {rows().length} {rows().length === 1 ? 'ticket' : 'tickets'}
      </p>
      <Show when={rows().length > 0} fallback={<p class="empty">No tickets here.</p>}>
        <VirtualList items={rows()} rowHeight={68} label="Tickets" selectedIndex={selected()} key={(row) => row.id}>
          {(row, index) => (
            <InboxRowView
              row={row()}
              selected={row().id === props.openTicketId || index() === selected()}
              now={now()}
              agents={props.ws.agents()}
              onOpen={() => setSelected(index())}
            />
          )}
        </VirtualList>
      </Show>
    </section>
  )
}
