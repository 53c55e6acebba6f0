// A settings list, or a plain line when it is empty: an empty list must not render as a numbered (or
// bulleted) item, and a list still loading must not claim to be empty.
import { type JSX, Show } from 'solid-js'

export function SettingsList(props: {
  ordered?: boolean
  count: number
  loaded?: boolean
  empty: string
  children: JSX.Element
}) {
  return (
    <Show when={props.loaded ?? true} fallback={<p class="muted">Loading…</p>}>
      <Show when={props.count > 0} fallback={<p class="muted settings-empty">{props.empty}</p>}>
        <Show when={props.ordered} fallback={<ul class="settings-list">{props.children}</ul>}>
          <ol class="settings-list">{props.children}</ol>
        </Show>
      </Show>
    </Show>
  )
}
