// Changes the server refused (a bulk change some tickets could not take, a snooze or field change sent
// from the outbox): said out loud, never dropped in silence; Dismiss forgets them.
import { For, Show } from 'solid-js'
import type { Outbox } from '../offline/outbox.ts'

export function FailedChanges(props: { outbox: Outbox }) {
  const failed = () => props.outbox.items().filter((i) => i.kind !== 'reply' && i.error)
  return (
    <Show when={failed().length}>
      <div class="error failed-changes" role="alert">
        <For each={failed()}>
          {(item) => (
            <p>
              A change was not made: {item.error}{' '}
              <button type="button" onClick={() => void props.outbox.discard(item.key)}>
                Dismiss
              </button>
            </p>
          )}
        </For>
      </div>
    </Show>
  )
}
