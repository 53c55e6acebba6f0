// One ticket in the inbox: channel, customer, tags, last message, SLA countdown, waiting time, who else is
// on it, a red mark when our last reply did not reach the customer, and the unread mark.
import { For, Show } from 'solid-js'
import type { Agent } from '../../../shared/schema/agent.ts'
import type { PresentAgent } from '../../../shared/schema/presence.ts'
import { Avatar } from '../ui/avatar.tsx'
import { ChannelIcon } from '../ui/channel-icon.tsx'
import { TagChip } from '../ui/tag-chip.tsx'
import { durationText, sinceText } from '../ui/time-text.ts'
import type { InboxRow } from './inbox-query.ts'
import { slaDue } from './sla-due.ts'

/** Tags shown on a row; the rest are counted. */
const shownTags = 2

export function InboxRowView(props: {
  row: InboxRow
  selected: boolean
  now: number
  agents: Agent[]
  /** A tag's colour from the workspace's list. */
  tagColor: (name: string) => string | undefined
  /** Colleagues on the ticket now. */
  viewers: readonly PresentAgent[]
  onOpen: () => void
}) {
  const assignee = () => props.agents.find((a) => a.id === props.row.assignee_id)?.name
  const due = () => slaDue(props.row, props.now)
  return (
    <a
      class="inbox-row"
      classList={{ selected: props.selected, unread: props.row.unread, failed: props.row.reply_failed }}
      href={`#/tickets/${props.row.id}`}
      aria-current={props.selected ? 'true' : undefined}
      onClick={props.onOpen}
    >
      <ChannelIcon kind={props.row.channel_kind} />
      <span class="row-main">
        <span class="row-top">
          {props.row.unread && <span class="unread-dot" role="img" aria-label="Unread" />}
          <strong class="row-name">{props.row.contact_name ?? 'Unknown customer'}</strong>
          <span class="row-number">#{props.row.number}</span>
          {props.row.priority === 'urgent' || props.row.priority === 'high' ? (
            <span class={`priority priority-${props.row.priority}`}>{props.row.priority}</span>
          ) : null}
          <For each={props.row.tags.slice(0, shownTags)}>{(tag) => <TagChip name={tag} color={props.tagColor(tag)} />}</For>
          <Show when={props.row.tags.length > shownTags}>
            <span class="tag more" title={props.row.tags.slice(shownTags).join(', ')}>
              +{props.row.tags.length - shownTags}
            </span>
          </Show>
        </span>
        <span class="row-preview">
          <Show when={props.row.reply_failed}>
            <span class="reply-failed">Not delivered · </span>
          </Show>
          {props.row.preview ?? props.row.subject ?? ''}
        </span>
      </span>
      <span class="row-side">
        <span class="row-side-top">
          <Show when={due()}>
            {(d) => (
              <span
                class="sla"
                classList={{ breached: d().breached, soon: !d().breached && d().at - props.now < 3_600_000 }}
                title={`SLA: ${d().metric} due ${new Date(d().at).toLocaleString()}`}
              >
                {d().breached ? `Breached ${durationText(props.now - d().at)}` : `Due ${durationText(d().at - props.now)}`}
              </span>
            )}
          </Show>
          {props.row.waiting_since ? (
            <span class="waiting" title="Waiting for an answer">
              {sinceText(props.row.waiting_since, props.now)}
            </span>
          ) : (
            <span class="status-chip">{props.row.status}</span>
          )}
        </span>
        <span class="row-side-bottom">
          <span class="row-viewers">
            <For each={props.viewers}>{(v) => <Avatar id={v.id} name={v.name} typing={v.typing} />}</For>
          </span>
          <span class="row-assignee">{assignee() ?? ''}</span>
        </span>
      </span>
    </a>
  )
}
