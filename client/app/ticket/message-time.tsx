// A message's time: when it was sent (a customer's, as their channel timestamps it). When it reached the
// helpdesk noticeably later, that is said too, so a late delivery does not pass for a slow customer.
import { Show } from 'solid-js'
import type { Message } from '../../../shared/schema/message.ts'
import { clockText, durationText } from '../ui/time-text.ts'

/** Below this, the two times are the same moment as far as a reader is concerned. */
const noticeableMs = 60_000

export function MessageTime(props: { message: Message }) {
  const lateBy = () => {
    const received = props.message.receivedAt
    return received ? Date.parse(received) - Date.parse(props.message.createdAt) : 0
  }
  return (
    <span class="message-time">
      <time dateTime={props.message.createdAt} title={`Sent ${clockText(props.message.createdAt)}`}>
        {clockText(props.message.createdAt)}
      </time>
      <Show when={lateBy() >= noticeableMs}>
        {' '}
        <span class="received-late">
          (received <time dateTime={props.message.receivedAt!}>{clockText(props.message.receivedAt!)}</time>,{' '}
          {durationText(lateBy())} later)
        </span>
      </Show>
    </span>
  )
}
