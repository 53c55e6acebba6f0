// One ticket in the inbox: channel, customer, last message, waiting time, unread mark.
import type { Agent } from '../../../shared/schema/agent.ts'
import { ChannelIcon } from '../ui/channel-icon.tsx'
import { sinceText } from '../ui/time-text.ts'
import type { InboxRow } from './inbox-query.ts'

export function InboxRowView(props: { row: InboxRow; selected: boolean; now: number; agents: Agent[]; onOpen: () => void }) {
  const assignee = () => props.agents.find((a) => a.id === props.row.assignee_id)?.name
  return (
    <a
      class="inbox-row"
      classList={{ selected: props.selected, unread: props.row.unread }}
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
        </span>
        <span class="row-preview">{props.row.preview ?? props.row.subject ?? ''}</span>
      </span>
      <span class="row-side">
        {props.row.waiting_since ? (
          <span class="waiting" title="Waiting for an answer">
            {sinceText(props.row.waiting_since, props.now)}
          </span>
        ) : (
          <span class="status-chip">{props.row.status}</span>
        )}
        <span class="row-assignee">{assignee() ?? ''}</span>
      </span>
    </a>
  )
}
