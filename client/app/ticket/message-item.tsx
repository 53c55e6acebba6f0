// One entry of the conversation: the customer's messages on the left, ours on the right, internal notes
// in yellow and marked, events as a line; attachments and images shown; an edited message marked with
// its earlier texts one click away, an email's From, To and Cc, a deleted one marked, reactions under it; delivery status with a retry.
import { createSignal, For, Show } from 'solid-js'
import type { Agent } from '../../../shared/schema/agent.ts'
import { isLinkableUrl, type Message } from '../../../shared/schema/message.ts'
import { clockText } from '../ui/time-text.ts'
import { EmailBody } from './email-body.tsx'
import { MessageTime } from './message-time.tsx'

const statusText: Record<Message['status'], string> = {
  received: '',
  queued: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Failed',
}

export function MessageItem(props: {
  message: Message
  agents: Agent[]
  customerName: string
  onRetry: (m: Message) => void
  meId?: string
  /** Its author's explicit edit of a note (by the note's id in the ticket's document); false when it cannot be made. */
  onEditNote?: (noteId: string, body: string) => boolean
}) {
  const m = () => props.message
  const [editing, setEditing] = createSignal(false)
  const noteId = () => (m().kind === 'note' && m().externalId?.startsWith('note:') ? m().externalId!.slice('note:'.length) : null)
  const mayEdit = () => Boolean(noteId() && props.onEditNote && m().authorId === props.meId && !m().deletedAt)
  let editBox!: HTMLTextAreaElement
  const saveEdit = () => {
    const body = editBox.value.trim()
    if (body && body !== m().body) props.onEditNote?.(noteId()!, body)
    setEditing(false)
  }
  const author = () =>
    m().authorType === 'contact'
      ? props.customerName
      : m().authorType === 'system'
        ? 'Helpdesk'
        : (props.agents.find((a) => a.id === m().authorId)?.name ?? 'Agent')
  return (
    <Show
      when={m().kind !== 'event'}
      fallback={
        <li class="event-line">
          {m().body} · {clockText(m().createdAt)}
        </li>
      }
    >
      <li
        class="message"
        classList={{ inbound: m().direction === 'inbound', outbound: m().direction === 'outbound', note: m().kind === 'note' }}
        aria-label={
          m().kind === 'note'
            ? `Internal note by ${author()}`
            : `${m().direction === 'inbound' ? 'From' : 'Reply by'} ${author()}`
        }
      >
        <div class="message-head">
          <span>{m().kind === 'note' ? `Internal note · ${author()}` : author()}</span>
          <MessageTime message={m()} />
        </div>
        <Show when={m().mail}>
          {(mail) => (
            <dl class="mail-addresses" aria-label="Addresses">
              <dt>From</dt>
              <dd>{mail().from}</dd>
              <dt>To</dt>
              <dd>{mail().to.join(', ')}</dd>
              <Show when={mail().cc.length}>
                <dt>Cc</dt>
                <dd>{mail().cc.join(', ')}</dd>
              </Show>
            </dl>
          )}
        </Show>
        <Show when={m().deletedAt}>
          <em class="deleted">
            {m().direction === 'outbound' ? 'This message was deleted.' : 'The customer unsent this message.'}
          </em>
        </Show>
        <Show
          when={editing()}
          fallback={
            <Show when={m().html} fallback={<p class="message-body">{m().body}</p>}>
              {(html) => <EmailBody html={html()} text={m().body} />}
            </Show>
          }
        >
          <textarea ref={editBox} class="note-edit" aria-label="Edit note" rows="3" value={m().body} />
          <div class="composer-actions">
            <button type="button" class="note-button" onClick={saveEdit}>
              Save note
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </Show>
        <Show when={mayEdit() && !editing()}>
          <button type="button" class="link" onClick={() => setEditing(true)}>
            Edit note
          </button>
        </Show>
        <Show when={m().editedAt}>
          <details class="edited">
            <summary>Edited {clockText(m().editedAt!)}</summary>
            <For each={m().editHistory ?? []}>{(version) => <p class="message-body earlier">{version.body}</p>}</For>
          </details>
        </Show>
        <Show when={(m().reactions ?? []).length}>
          <ul class="reactions" aria-label="Reactions">
            <For each={m().reactions}>
              {(r) => (
                <li title={r.by === 'contact' ? props.customerName : 'Your team'}>
                  {r.emoji} <span class="reaction-by">{r.by === 'contact' ? props.customerName : 'Team'}</span>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={m().attachments.length}>
          <ul class="attachments">
            <For each={m().attachments}>
              {(a) => {
                // Only web addresses and our own files become links, opened in a new tab that cannot reach
                // back into the app; any other scheme (javascript:, data:) is shown as its name only.
                const url = a.url && isLinkableUrl(a.url) ? a.url : null
                const label = a.name ?? a.type
                return (
                  <li>
                    <Show when={url} fallback={<span>{a.type === 'location' && a.url ? `${label} (${a.url})` : label}</span>}>
                      {(href) => (
                        <a href={href()} target="_blank" rel="noopener noreferrer">
                          <Show when={a.type === 'image'} fallback={label}>
                            <img src={href()} alt={a.name ?? 'Image'} loading="lazy" width="240" height="180" />
                          </Show>
                        </a>
                      )}
                    </Show>
                  </li>
                )
              }}
            </For>
          </ul>
        </Show>
        <Show when={m().direction === 'outbound' && m().kind === 'message'}>
          <div class="delivery" classList={{ failed: m().status === 'failed' }}>
            {statusText[m().status]}
            <Show when={m().status === 'failed'}>
              {m().error ? `: ${m().error}` : ''}{' '}
              <button type="button" onClick={() => props.onRetry(m())}>
                Retry
              </button>
            </Show>
          </div>
        </Show>
      </li>
    </Show>
  )
}
