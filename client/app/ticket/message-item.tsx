// One entry of the conversation: the customer's messages on the left, ours on the right, internal notes
// in yellow and marked, events as a line; attachments and images shown; an edited message marked with
// its earlier texts one click away, a deleted one marked, reactions under it; delivery status with a retry.
import { For, Show } from 'solid-js'
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

export function MessageItem(props: { message: Message; agents: Agent[]; customerName: string; onRetry: (m: Message) => void }) {
  const m = () => props.message
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
        <Show when={m().deletedAt}>
          <em class="deleted">
            {m().direction === 'outbound' ? 'This message was deleted.' : 'The customer unsent this message.'}
          </em>
        </Show>
        <Show when={m().html} fallback={<p class="message-body">{m().body}</p>}>
          {(html) => <EmailBody html={html()} text={m().body} />}
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
