// The agent's own availability (online, away, offline: routing rules assign only to agents online and
// under capacity; signing in makes them online, signing out offline), the header's one status control;
// and the end-of-shift handoff: every open ticket of theirs to a teammate or back to a team's queue in
// one action, with a note that goes with each ticket.
import { createEffect, createSignal, For, onCleanup, Show } from 'solid-js'
import { type Availability, agentResponseSchema, availabilities, handoffResultSchema } from '../../../shared/schema/agent.ts'
import { api } from '../net/http.ts'
import { errorText } from '../settings/error-text.ts'
import type { Workspace } from '../workspace.ts'

const availabilityNames: Record<Availability, string> = { online: '● Online', away: '◐ Away', offline: '○ Offline' }

export function AvailabilityMenu(props: { ws: Workspace }) {
  const mine = () => props.ws.agents().find((a) => a.id === props.ws.me.id)?.availability ?? props.ws.me.availability
  const [status, setStatus] = createSignal('')
  const [handingOff, setHandingOff] = createSignal(false)
  let opener!: HTMLButtonElement
  // Closing the popover (Escape, or handing off) gives the focus back to the button that opened it.
  const close = () => {
    setHandingOff(false)
    opener.focus()
  }
  // Escape closes the open popover, wherever the focus is.
  createEffect(() => {
    if (!handingOff()) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      event.stopPropagation()
      close()
    }
    document.addEventListener('keydown', onKey, true)
    onCleanup(() => document.removeEventListener('keydown', onKey, true))
  })

  async function setAvailability(value: string) {
    try {
      await api(agentResponseSchema, 'PUT', '/api/me/availability', { status: value })
      await props.ws.refreshDirectory()
      setStatus('')
    } catch (error) {
      setStatus(errorText(error))
    }
  }

  async function handOff(form: HTMLFormElement) {
    const data = new FormData(form)
    const [kind, id] = String(data.get('to')).split(':')
    try {
      const moved = await api(handoffResultSchema, 'POST', '/api/me/handoff', {
        ...(kind === 'team' ? { toTeamId: id } : { toAgentId: id }),
        note: data.get('note'),
      })
      await props.ws.refreshDirectory()
      close()
      setStatus(`${moved.ticketIds.length} tickets handed off`)
    } catch (error) {
      setStatus(errorText(error))
    }
  }

  return (
    <span class="availability-menu">
      <select
        aria-label="Availability"
        class={`availability ${mine()}`}
        value={mine()}
        onChange={(e) => void setAvailability(e.currentTarget.value)}
      >
        <For each={availabilities}>{(a) => <option value={a}>{availabilityNames[a]}</option>}</For>
      </select>
      <button ref={opener} type="button" onClick={() => setHandingOff(!handingOff())} aria-expanded={handingOff()}>
        Hand off
      </button>
      <Show when={status()}>
        <span class="muted" role="status">
          {status()}
        </span>
      </Show>
      <Show when={handingOff()}>
        <form
          class="handoff"
          aria-label="Hand off my open tickets"
          ref={(form) => queueMicrotask(() => form.querySelector('select')?.focus())}
          onSubmit={(e) => {
            e.preventDefault()
            void handOff(e.currentTarget)
          }}
        >
          <label>
            To
            <select name="to" required>
              <option value="">choose</option>
              <For each={props.ws.agents().filter((a) => a.id !== props.ws.me.id)}>
                {(a) => <option value={`agent:${a.id}`}>{a.name}</option>}
              </For>
              <For each={props.ws.teams()}>{(t) => <option value={`team:${t.id}`}>the {t.name} queue</option>}</For>
            </select>
          </label>
          <label>
            Note for them <textarea name="note" required rows="3" />
          </label>
          <button class="primary" type="submit">
            Hand off and go offline
          </button>
        </form>
      </Show>
    </span>
  )
}
