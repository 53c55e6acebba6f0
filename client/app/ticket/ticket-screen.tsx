// One ticket: who else is here, its fields, the whole conversation oldest first, the composer bound to the
// shared draft (notes in the thread), and the customer beside it. Read from the server and, once it has
// opened, from the local database (offline too), re-read on every synced change of this ticket.
import { createEffect, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js'
import { replaceNoteBody } from '../../../shared/protocol/ticket-document.ts'
import type { Message } from '../../../shared/schema/message.ts'
import { openTicketDoc } from '../collab/ticket-doc.ts'
import { CustomerSidebar } from '../customer/customer-sidebar.tsx'
import { markRead } from '../inbox/read-marks.ts'
import { Avatar } from '../ui/avatar.tsx'
import { ChannelIcon, channelNames } from '../ui/channel-icon.tsx'
import { createNow } from '../ui/clock.ts'
import type { Workspace } from '../workspace.ts'
import { Composer } from './composer.tsx'
import { readLocalTicket, refreshTicket, type TicketDetail } from './load-ticket.ts'
import { MessageItem } from './message-item.tsx'
import { TicketFields } from './ticket-fields.tsx'
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
  createEffect(() => {
    if (detail()?.ticket.lastMessageAt) void markRead(props.ws.db, props.ws.sync, props.ticketId).catch(() => undefined)
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

  async function retry(message: Message): Promise<void> {
    await props.ws.outbox.add('reply', props.ticketId, { body: message.body, attachments: [] })
  }

  return (
    <Show
      when={detail()}
      fallback={
        <p class="muted pad">{fetching() || fromDevice.loading ? 'Opening…' : 'This ticket is not on this device yet.'}</p>
      }
    >
      {(d) => (
        <div class="ticket-layout">
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
              <ul class="presence" aria-label="Also viewing">
                <For each={doc.peers()}>
                  {(p) => (
                    <li>
                      <Avatar id={p.id} name={p.name} typing={p.typing} />
                    </li>
                  )}
                </For>
              </ul>
            </header>
            <TicketFields ws={props.ws} ticket={d().ticket} />
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
              doc={doc}
              lastSeenMessageId={lastSeenMessageId()}
              messages={messages()}
              now={now()}
              onSent={() => void refresh()}
            />
          </section>
          <div class="side">
            <CustomerSidebar contactId={d().ticket.contactId} onMerged={() => void refresh()} />
          </div>
        </div>
      )}
    </Show>
  )
}
