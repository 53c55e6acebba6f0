// One ticket: who else is here, its fields and history, the whole conversation oldest first, the composer
// bound to the shared draft (notes in the thread), and the customer beside it. Read from the server and,
// once it has opened, from the local database (offline too), re-read on every synced change of this ticket.
import { createEffect, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js'
import { replaceNoteBody } from '../../../shared/protocol/ticket-document.ts'
import type { Message } from '../../../shared/schema/message.ts'
import { AuditHistory } from '../audit/audit-history.tsx'
import { openTicketDoc } from '../collab/ticket-doc.ts'
import { CustomerSidebar } from '../customer/customer-sidebar.tsx'
import { markRead, markUnread } from '../inbox/read-marks.ts'
import { Avatar } from '../ui/avatar.tsx'
import { ChannelIcon, channelNames } from '../ui/channel-icon.tsx'
import { createNow } from '../ui/clock.ts'
import type { Workspace } from '../workspace.ts'
import { changeTicket } from './change-ticket.ts'
import { Composer } from './composer.tsx'
import { readLocalTicket, refreshTicket, type TicketDetail } from './load-ticket.ts'
import { MessageItem } from './message-item.tsx'
import { PostPreview } from './post-preview.tsx'
import { SimulatedNotice } from './simulated-notice.tsx'
import { SnoozeMenu, snoozedText } from './snooze-menu.tsx'
import { type Snooze, snoozeTickets } from './snooze-ticket.ts'
import { TicketFields } from './ticket-fields.tsx'
import { useTicketKeys } from './ticket-keys.ts'
import { changeWithUndo } from './undoable-change.ts'
import { UnsavedNotes } from './unsaved-notes.tsx'

export function TicketScreen(props: { ws: Workspace; ticketId: string; onBack: () => void }) {
  const now = createNow(15_000)
  // Ticks when a stored change touches this ticket (or the local database has just become ready).
  const [changed, setChanged] = createSignal(0)
  const [fromServer, setFromServer] = createSignal<TicketDetail | null>(null)
  const [fromDevice] = createResource(
    () => props.ws.sync.localReady() && { id: props.ticketId, changed: changed() },
    (key) => readLocalTicket(props.ws.db, key.id),
  )
  const detail = () => fromDevice() ?? fromServer()
  const [fetching, setFetching] = createSignal(true)
  const refresh = () =>
    refreshTicket(props.ws.db, props.ticketId, setFromServer).then(
      () => setChanged((n) => n + 1),
      () => undefined,
    )
  void refresh().finally(() => setFetching(false))
  onCleanup(
    props.ws.sync.onChange((ids) => {
      if (ids !== 'all' && !ids.includes(props.ticketId)) return
      // Before the local copy is ready, the server's is the one shown: read it again.
      if (props.ws.sync.localReady()) setChanged((n) => n + 1)
      else void refresh()
    }),
  )
  // Marked unread (`u`), the ticket is on its way out: it must not be marked read again meanwhile.
  let leaving = false
  createEffect(() => {
    if (detail()?.ticket.lastMessageAt && !leaving) void markRead(props.ws, props.ticketId).catch(() => undefined)
  })

  // The screen is made once per ticket (keyed by the shell), so the document lives as long as it does.
  const doc = openTicketDoc(props.ticketId, props.ws.me)
  onCleanup(() => doc.close())

  let thread: HTMLOListElement | undefined
  const messages = () => detail()?.messages ?? []
  // A new message scrolls into view when the agent was at the end of the thread (or just opened it);
  // someone reading further up is left where they are.
  let atEnd = true
  const onThreadScroll = () => {
    if (thread) atEnd = thread.scrollHeight - thread.scrollTop - thread.clientHeight < 80
  }
  createEffect(
    on(
      () => messages().length,
      () =>
        queueMicrotask(() => {
          if (thread && atEnd) thread.scrollTop = thread.scrollHeight
        }),
    ),
  )
  const waiting = () => props.ws.outbox.items().filter((i) => i.ticketId === props.ticketId && i.kind === 'reply')
  const lastSeenMessageId = () => messages().at(-1)?.id ?? null

  // On a phone the fields, notes and customer fold away behind one button; the thread has the screen.
  const [details, setDetails] = createSignal(false)

  // Resolve, snooze and mark unread, from the header and the keyboard; the first two for a few seconds undoable.
  const [snoozeOpen, setSnoozeOpen] = createSignal(false)
  const label = () => `#${detail()?.ticket.number ?? ''}`
  const resolve = () =>
    void changeWithUndo(props.ws, [props.ticketId], ['status', 'snooze'], `Resolved ${label()}`, () =>
      changeTicket(props.ws, props.ticketId, { status: 'resolved' }),
    )
  const snooze = (choice: Snooze) => {
    void changeWithUndo(props.ws, [props.ticketId], ['snooze'], choice ? `Snoozed ${label()}` : `Woke ${label()}`, () =>
      snoozeTickets(props.ws, [props.ticketId], choice),
    )
    // Snoozed, it has left the inbox: so does the agent (as in Front).
    if (choice) props.onBack()
  }
  const markTicketUnread = () => {
    // Read again at once if it stayed open: back to the inbox, where it shows unread.
    leaving = true
    props.onBack()
    void markUnread(props.ws, props.ticketId).catch(() => undefined)
  }
  const assignToMe = () =>
    void changeWithUndo(props.ws, [props.ticketId], ['assignee'], `Assigned ${label()} to you`, () =>
      changeTicket(props.ws, props.ticketId, { assigneeId: props.ws.me.id }),
    )
  useTicketKeys({ resolve, snooze: () => setSnoozeOpen(true), markUnread: markTicketUnread, assignToMe })

  async function retry(message: Message): Promise<void> {
    // A failed private reply to a comment is tried again as a private reply, never as a public one.
    const privateReply = message.privateReplyTo !== null
    await props.ws.outbox.add('reply', props.ticketId, { body: message.body, attachments: [], privateReply })
  }

  return (
    <Show
      when={detail()}
      fallback={
        <p class="muted pad">{fetching() || fromDevice.loading ? 'Opening…' : 'This ticket is not on this device yet.'}</p>
      }
    >
      {(d) => (
        <div class="ticket-layout" classList={{ 'details-open': details() }}>
          <section class="ticket" aria-label={`Ticket #${d().ticket.number}`}>
            <header class="ticket-head">
              <button type="button" class="back" onClick={props.onBack} aria-label="Back to the inbox">
                ←
              </button>
              <ChannelIcon kind={d().ticket.channelKind} />
              <h2>
                #{d().ticket.number} {d().contact?.name ?? 'Unknown customer'}
                <small>{[d().ticket.subject, channelNames[d().ticket.channelKind]].filter(Boolean).join(' · ')}</small>
              </h2>
              <div class="ticket-actions">
                <SnoozeMenu
                  open={snoozeOpen()}
                  onOpenChange={setSnoozeOpen}
                  onChoose={snooze}
                  snoozedText={snoozedText(d().ticket)}
                />
              </div>
              <ul class="presence" aria-label="Also viewing">
                <For each={doc.peers()}>
                  {(p) => (
                    <li>
                      <Avatar id={p.id} name={p.name} typing={p.typing} />
                    </li>
                  )}
                </For>
              </ul>
              <button
                type="button"
                class="details-toggle"
                aria-expanded={details()}
                aria-controls="ticket-details"
                onClick={() => setDetails((open) => !open)}
              >
                {details() ? 'Conversation' : 'Details'}
              </button>
            </header>
            <Show when={d().ticket.replyFailedAt}>
              <p class="reply-failed-banner" role="alert">
                The last reply did not reach the customer: the ticket still waits on us. Send it again or answer another way.
              </p>
            </Show>
            <Show when={snoozedText(d().ticket)}>
              {(text) => (
                <p class="snoozed-note" role="status">
                  {text()}
                </p>
              )}
            </Show>
            {/* What the ticket is about (on a phone too), then its fields (folded away on a phone). */}
            <div class="ticket-context">
              <PostPreview ticket={d().ticket} />
              <SimulatedNotice channel={props.ws.channels().find((c) => c.id === d().ticket.channelId)} />
            </div>
            <div id="ticket-details" class="ticket-fields-fold">
              <TicketFields ws={props.ws} ticket={d().ticket} />
              <AuditHistory
                path={`/api/tickets/${props.ticketId}/audit`}
                label="History"
                version={changed()}
                nameOf={(id) => (props.ws.agents().find((a) => a.id === id) ?? props.ws.teams().find((t) => t.id === id))?.name}
              />
            </div>
            <ol class="thread" ref={thread} aria-label="Conversation" onScroll={onThreadScroll}>
              <For each={messages()}>
                {(m) => (
                  <MessageItem
                    message={m}
                    agents={props.ws.agents()}
                    customerName={d().contact?.name ?? 'Customer'}
                    onRetry={retry}
                    meId={props.ws.me.id}
                    onEditNote={(noteId, body) => replaceNoteBody(doc.doc, noteId, body)}
                  />
                )}
              </For>
              <UnsavedNotes doc={doc} messages={messages()} />
              <For each={waiting()}>
                {(item) => (
                  <li class="message outbound waiting-send">
                    <p class="message-body">{String(item.payload.body ?? '')}</p>
                    <div class="delivery">{item.error ? `Not sent: ${item.error}` : 'Waiting for the network to send'}</div>
                  </li>
                )}
              </For>
            </ol>
            <Composer
              ws={props.ws}
              ticket={d().ticket}
              contact={d().contact ?? null}
              doc={doc}
              lastSeenMessageId={lastSeenMessageId()}
              messages={messages()}
              now={now()}
              onSent={() => void refresh()}
            />
          </section>
          <div class="side" id="ticket-side">
            <CustomerSidebar
              contactId={d().ticket.contactId}
              reachable={props.ws.sync.reachable()}
              onMerged={() => void refresh()}
            />
          </div>
        </div>
      )}
    </Show>
  )
}
