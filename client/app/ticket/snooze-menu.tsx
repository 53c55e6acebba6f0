// The "Snooze" button and its menu: later today, tomorrow, next week, a date and time of one's own, or
// until the customer replies; on a snoozed ticket, when it comes back and a way to wake it now.
import { createSignal, For, Show } from 'solid-js'
import type { Snooze } from './snooze-ticket.ts'
import { snoozePresets } from './snooze-ticket.ts'

export function SnoozeMenu(props: {
  onChoose: (snooze: Snooze) => void
  /** When the ticket is snoozed: what it waits for, shown with a "Wake now" choice. */
  snoozedText?: string | null
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const [picked, setPicked] = createSignal('')
  const choose = (snooze: Snooze) => {
    props.onOpenChange(false)
    props.onChoose(snooze)
  }
  const pickedTime = () => (picked() ? new Date(picked()) : null)
  return (
    <div class="snooze">
      <button
        type="button"
        aria-haspopup="dialog"
        aria-expanded={props.open}
        onClick={() => props.onOpenChange(!props.open)}
        title="Snooze (s)"
      >
        Snooze
      </button>
      <Show when={props.open}>
        <div
          class="snooze-menu"
          role="dialog"
          aria-label="Snooze until"
          onKeyDown={(e) => e.key === 'Escape' && props.onOpenChange(false)}
        >
          <Show when={props.snoozedText}>
            <p class="muted">{props.snoozedText}</p>
            <button type="button" onClick={() => choose(null)}>
              Wake now
            </button>
          </Show>
          <For each={snoozePresets(new Date())}>
            {(preset) => (
              <button type="button" onClick={() => choose({ until: preset.until.toISOString(), untilCustomerReplies: false })}>
                {preset.label}
                <small>{preset.until.toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' })}</small>
              </button>
            )}
          </For>
          <button type="button" onClick={() => choose({ until: null, untilCustomerReplies: true })}>
            Until the customer replies
          </button>
          <label class="snooze-pick">
            Pick a date and time
            <input type="datetime-local" value={picked()} onInput={(e) => setPicked(e.currentTarget.value)} />
          </label>
          <button
            type="button"
            disabled={!pickedTime() || pickedTime()! <= new Date()}
            onClick={() => choose({ until: pickedTime()!.toISOString(), untilCustomerReplies: false })}
          >
            Snooze until then
          </button>
        </div>
      </Show>
    </div>
  )
}

/** What a snoozed ticket waits for, in words; null when it is not snoozed. */
export function snoozedText(ticket: { snoozedUntil?: string | null; snoozedUntilCustomerReplies?: boolean }): string | null {
  const until = ticket.snoozedUntil && new Date(ticket.snoozedUntil) > new Date() ? new Date(ticket.snoozedUntil) : null
  if (!until && !ticket.snoozedUntilCustomerReplies) return null
  const time = until ? `until ${until.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}` : ''
  if (ticket.snoozedUntilCustomerReplies) return `Snoozed until the customer replies${time ? ` or ${time}` : ''}`
  return `Snoozed ${time}`
}
