// The reply guidelines beside the composer, folded away until asked for: the ticket's channel's own first,
// then the workspace's (both apply; the channel's are the more particular). Nothing shows when there are none.
import { Show } from 'solid-js'
import type { Guidelines } from '../../../shared/schema/guidelines.ts'

export function ReplyGuidelines(props: { guidelines: Guidelines; channelId: string; channelName: string | undefined }) {
  const forChannel = () => props.guidelines.channels[props.channelId] ?? ''
  return (
    <Show when={forChannel() || props.guidelines.workspace}>
      <details class="reply-guidelines">
        <summary>Guidelines</summary>
        <Show when={forChannel()}>
          <section aria-label="Channel guidelines">
            <h4>{props.channelName ?? 'This channel'}</h4>
            <p>{forChannel()}</p>
          </section>
        </Show>
        <Show when={props.guidelines.workspace}>
          <section aria-label="Workspace guidelines">
            <Show when={forChannel()}>
              <h4>Every channel</h4>
            </Show>
            <p>{props.guidelines.workspace}</p>
          </section>
        </Show>
      </details>
    </Show>
  )
}
