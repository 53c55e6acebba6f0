// Said on every ticket of a sample channel: nothing reaches a real customer there. Replies go to the
// built-in simulator, which reports them delivered and read as a provider would.
import { Show } from 'solid-js'
import type { Channel } from '../workspace.ts'
import { isSampleChannel } from './composer-destination.tsx'

export function SimulatedNotice(props: { channel: Channel | undefined }) {
  return (
    <Show when={isSampleChannel(props.channel)}>
      <p class="simulated-notice" role="note" aria-label="Simulated channel">
        Sample channel, simulated: replies go to a built-in simulator, not to a real customer. It reports them delivered and read,
        as the real channel would.
      </p>
    </Show>
  )
}
