// The inbox: views (mine, unassigned, all, per channel, pending, resolved), filters, search, and the
// virtualised list. Rows come from the local database once it is ready (before that from the server, and
// at the very start from the first screen kept at the last visit); a pushed change is folded in from
// its payload at once, and a stored change re-reads only the tickets it touched and folds them in.
// Rows can be ticked for a bulk change (client/app/inbox/bulk-bar.tsx). Keys: client/app/keyboard/shortcuts.ts;
// `e`, `s`, `#`, `u` and `a` act on the ticked rows, else on the focused one (left to the ticket screen
// while a ticket is open and nothing is ticked).
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js'
import { channelKinds } from '../../../shared/schema/common.ts'
import { ticketStatuses } from '../../../shared/schema/ticket.ts'
import { typingOrChord } from '../keyboard/shortcuts.ts'
import { UnreachableError } from '../net/http.ts'
import type { LocalRows } from '../offline/store-sync-page.ts'
import { changeTicket } from '../ticket/change-ticket.ts'
import { changeWithUndo } from '../ticket/undoable-change.ts'
import { afterFirstPaint } from '../ui/after-first-paint.ts'
import { channelNames } from '../ui/channel-icon.tsx'
import { createNow } from '../ui/clock.ts'
import { VirtualList } from '../ui/virtual-list.tsx'
import type { Workspace } from '../workspace.ts'
import { BulkBar, type BulkMenu } from './bulk-bar.tsx'
import { bulkChange } from './bulk-change.ts'
import { FailedChanges } from './failed-changes.tsx'
import { foldChanges, inboxOrder } from './inbox-order.ts'
import { type InboxFilters, type InboxRow, type InboxView, queryInbox } from './inbox-query.ts'
import { InboxRowView } from './inbox-row.tsx'
import { readSnapshot, writeSnapshot } from './inbox-snapshot.ts'
import { pushedInboxRows } from './pushed-rows.ts'
import { markTicketsUnread } from './read-marks.ts'
import { RowCheckbox } from './row-checkbox.tsx'
import { readServerInbox } from './server-inbox.ts'
import { createTicketPresence } from './ticket-presence.ts'
import { clearSelection, keepOnly, selectAll, selection, toggleSelected } from './ticket-selection.ts'
import { countUnread } from './unread-counts.ts'

const views: { view: InboxView; label: string }[] = [
  { view: 'mine', label: 'Mine' },
  { view: 'unassigned', label: 'Unassigned' },
  { view: 'all', label: 'All' },
  ...channelKinds.map((kind) => ({ view: `channel:${kind}` as InboxView, label: channelNames[kind] })),
  { view: 'pending', label: 'Pending' },
  { view: 'snoozed', label: 'Snoozed' },
  { view: 'resolved', label: 'Resolved' },
]

/** Two lines of text: dense enough for 14 rows and more on a laptop screen (as .inbox-row's CSS). */
const rowHeight = 46

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
  const presence = createTicketPresence(props.ws.me.id)
  let search!: HTMLInputElement

  const rows = () => list().rows
  const local = () => props.ws.sync.localReady()
  const kept = readSnapshot(props.ws.me.id)
  // `of` names the view and filters the rows belong to.
  const opening = JSON.stringify(['all', {}])
  const [list, setList] = createSignal<{ rows: InboxRow[]; more: boolean; known: boolean; of: string }>(
    kept?.rows.length
      ? { rows: kept.rows, more: kept.count > kept.rows.length, known: true, of: opening }
      : { rows: [], more: false, known: false, of: opening },
  )
  const [failure, setFailure] = createSignal<unknown>(null)
  // Each full read takes a number; a change folded in while a newer full read runs is dropped (the read has it).
  let generation = 0

  async function readAll(): Promise<void> {
    const mine = ++generation
    const [v, f] = [view(), filters()]
    const of = JSON.stringify([v, f])
    try {
      const next = local()
        ? { rows: await queryInbox(props.ws.db, props.ws.me.id, v, f), more: false }
        : await readServerInbox(props.ws.me.id, v, f)
      if (mine !== generation) return
      setList({ ...next, known: true, of })
      setFailure(null)
    } catch (error) {
      if (mine !== generation) return
      if (!(error instanceof UnreachableError)) setFailure(error)
      // Unreachable before the local copy is ready: the rows shown stay if they are this view's, and
      // never stand for another view's (the local database answers when it has opened).
      else if (list().of !== of) setList({ rows: [], more: false, known: false, of })
    }
  }
  // Pushes are shown from their payload before they are stored (pushed-rows.ts). A read of the database
  // that began before a later push of the same ticket leaves that ticket's row as the push showed it.
  let pushes = 0
  const pushedAt = new Map<string, number>()
  async function readChanged(ids: readonly string[]): Promise<void> {
    const mine = generation
    const began = pushes
    const f = filters()
    try {
      const fresh = await queryInbox(props.ws.db, props.ws.me.id, view(), f, ids)
      if (mine !== generation) return
      const current = (id: string) => (pushedAt.get(id) ?? 0) <= began
      const settled = ids.filter(current)
      setList((l) => ({
        ...l,
        rows: foldChanges(
          l.rows,
          settled,
          fresh.filter((r) => current(r.id)),
          inboxOrder(f),
        ),
      }))
    } catch (error) {
      setFailure(error)
    }
  }
  function showPushed(pushed: LocalRows): void {
    const f = filters()
    const shown = new Map(rows().map((r) => [r.id, r]))
    const fresh = pushedInboxRows(pushed, props.ws.me.id, view(), f, shown)
    if (!fresh) return
    const ids = pushed.tickets.map((t) => t.id)
    pushes++
    for (const id of ids) pushedAt.set(id, pushes)
    setList((l) => ({ ...l, rows: foldChanges(l.rows, ids, fresh, inboxOrder(f)) }))
  }
  // Kept rows are on screen at once: their first refresh waits until they are painted.
  let refreshKept = Boolean(kept?.rows.length)
  createEffect(
    on([view, filters, local], () => {
      if (!refreshKept) return void readAll()
      refreshKept = false
      afterFirstPaint(() => void readAll())
    }),
  )
  let serverRead: ReturnType<typeof setTimeout> | undefined
  onCleanup(
    props.ws.sync.onChange((changed) => {
      if (local() && changed !== 'all') void readChanged(changed)
      else if (local()) void readAll()
      else {
        // From the server, a burst of changes is one read.
        clearTimeout(serverRead)
        serverRead = setTimeout(() => void readAll(), 50)
      }
    }),
  )
  onCleanup(() => clearTimeout(serverRead))
  onCleanup(props.ws.sync.onPushed((pushed) => local() && showPushed(pushed)))
  // Unread per view, live: read again a moment after a burst of stored changes (marks included).
  const [unread, setUnread] = createSignal<Map<InboxView, number>>(new Map())
  let countAgain: ReturnType<typeof setTimeout> | undefined
  const recount = () => {
    clearTimeout(countAgain)
    countAgain = setTimeout(() => {
      if (local()) void countUnread(props.ws.db, props.ws.me.id).then(setUnread, () => undefined)
    }, 100)
  }
  createEffect(on(local, recount))
  onCleanup(props.ws.sync.onChange(recount))
  onCleanup(() => clearTimeout(countAgain))
  // The opening view's first screen is kept for the next start.
  let keep: ReturnType<typeof setTimeout> | undefined
  let unkept: InboxRow[] | null = null
  const keepNow = () => {
    if (unkept) writeSnapshot(props.ws.me.id, unkept)
    unkept = null
  }
  createEffect(() => {
    const current = list()
    if (!current.known || view() !== 'all' || Object.values(filters()).some(Boolean)) return
    unkept = current.rows
    clearTimeout(keep)
    keep = setTimeout(keepNow, 1_000)
  })
  // Leaving the inbox keeps what it showed last: coming back must not show an older order first, which
  // re-sorts under the pointer (a click then opens the row's neighbour).
  onCleanup(() => {
    clearTimeout(keep)
    keepNow()
  })
  const setFilter = (name: keyof InboxFilters, value: string) => setFilters((f) => ({ ...f, [name]: value || undefined }))

  // When the first rows were on screen: the local database boots after it (workspace.ts), and the bench
  // reads it.
  createEffect(() => {
    if (rows().length && !performance.getEntriesByName('inbox-rows').length) performance.mark('inbox-rows')
  })
  createEffect(() => {
    const index = rows().findIndex((r) => r.id === props.openTicketId)
    if (index >= 0) setSelected(index)
  })

  // Ticked rows: a shift-click ticks the range from the last row ticked.
  const [menu, setMenu] = createSignal<BulkMenu>(null)
  const [macroText, setMacroText] = createSignal('')
  let anchorId: string | null = null
  const tick = (id: string, shift: boolean) => {
    const ids = rows().map((r) => r.id)
    const [from, to] = [ids.indexOf(anchorId ?? ''), ids.indexOf(id)]
    if (shift && from >= 0 && to >= 0) selectAll(ids.slice(Math.min(from, to), Math.max(from, to) + 1))
    else toggleSelected(id)
    anchorId = id
  }
  // A ticked ticket that leaves the view (resolved, snoozed, moved) is no longer ticked.
  createEffect(on(rows, (list) => keepOnly(new Set(list.map((r) => r.id)))))
  createEffect(on(view, () => clearSelection(), { defer: true }))
  onCleanup(clearSelection)
  const ticked = () => rows().filter((r) => selection().has(r.id))

  const onKey = (event: KeyboardEvent) => {
    if (typingOrChord(event) || document.querySelector('[aria-modal="true"]')) return
    const list = rows()
    const current = list[selected()]
    // With nothing ticked, the open ticket's screen answers the keys that change a ticket.
    const ticketScreenHasIt = selection().size === 0 && props.openTicketId !== null
    const targets = selection().size ? ticked() : current ? [current] : []
    const onTargets = (open: BulkMenu) => {
      if (!selection().size && current) toggleSelected(current.id)
      setMenu(open)
    }
    if (event.key === 'j') setSelected((i) => Math.min(list.length - 1, i + 1))
    else if (event.key === 'k') setSelected((i) => Math.max(0, i - 1))
    else if (event.key === 'Enter' && current) props.onOpen(current.id)
    else if (event.key === 'x' && current) tick(current.id, false)
    else if (event.key === '/') search.focus()
    else if (ticketScreenHasIt || !targets.length) return
    else if (event.key === 'e') resolve(targets.map((t) => t.id))
    else if (event.key === 'a') assignToMe(targets.map((t) => t.id))
    else if (event.key === 's') onTargets('snooze')
    else if (event.key === '#') onTargets('tag')
    else if (event.key === 'm') onTargets('macro')
    else if (event.key === 'u')
      void markTicketsUnread(
        props.ws,
        targets.map((t) => t.id),
      )
    else if (event.key === 'Escape' && selection().size) clearSelection()
    else return
    event.preventDefault()
  }
  const resolve = (ids: string[]) => {
    if (selection().size) clearSelection()
    const text =
      ids.length === 1 ? `Resolved #${rows().find((r) => r.id === ids[0])?.number ?? ''}` : `Resolved ${ids.length} tickets`
    void changeWithUndo(props.ws, ids, ['status', 'snooze'], text, () =>
      ids.length === 1
        ? changeTicket(props.ws, ids[0]!, { status: 'resolved' })
        : bulkChange(props.ws, ids, { status: 'resolved' }),
    )
  }
  const assignToMe = (ids: string[]) => {
    if (selection().size) clearSelection()
    void changeWithUndo(props.ws, ids, ['assignee'], 'Assigned to you', () =>
      ids.length === 1
        ? changeTicket(props.ws, ids[0]!, { assigneeId: props.ws.me.id })
        : bulkChange(props.ws, ids, { assigneeId: props.ws.me.id }),
    )
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
              aria-label={unread().get(v.view) ? `${v.label}, ${unread().get(v.view)} unread` : v.label}
            >
              {v.label}
              <Show when={unread().get(v.view)}>{(n) => <span class="unread-count">{n()}</span>}</Show>
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
      <Show when={failure()}>
        <p class="error" role="alert">
          The inbox could not be read: {String(failure())}
        </p>
      </Show>
      <p class="inbox-count" aria-live="polite">
        <Show when={list().known} fallback={props.ws.sync.reachable() ? 'Loading…' : 'Offline: nothing on this device yet'}>
          {rows().length}
          {list().more ? '+' : ''} {rows().length === 1 && !list().more ? 'ticket' : 'tickets'}
        </Show>
      </p>
      <FailedChanges outbox={props.ws.outbox} />
      <Show when={selection().size > 0}>
        <BulkBar ws={props.ws} ids={ticked().map((r) => r.id)} menu={menu()} onMenu={setMenu} onNotice={setMacroText} />
      </Show>
      <Show when={macroText()}>
        <p class="macro-notice" role="status">
          {macroText()}{' '}
          <button type="button" onClick={() => setMacroText('')}>
            Dismiss
          </button>
        </p>
      </Show>
      <Show when={rows().length > 0 || !list().known} fallback={<p class="empty">No tickets here.</p>}>
        <VirtualList items={rows()} rowHeight={rowHeight} label="Tickets" selectedIndex={selected()} key={(row) => row.id}>
          {(row, index) => (
            <div class="row-line">
              <RowCheckbox
                number={row().number}
                checked={selection().has(row().id)}
                onToggle={(shift) => tick(row().id, shift)}
              />
              <InboxRowView
                row={row()}
                selected={row().id === props.openTicketId || index() === selected()}
                now={now()}
                agents={props.ws.agents()}
                tagColor={props.ws.tagColor}
                viewers={presence().get(row().id) ?? []}
                onOpen={() => setSelected(index())}
              />
            </div>
          )}
        </VirtualList>
      </Show>
    </section>
  )
}
