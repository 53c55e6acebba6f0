// Reply guidelines: a short tone-and-style guide for the whole workspace and, where one differs, for a
// channel; agents see them beside the reply box (the channel's first, then the workspace's).
import { createSignal, For, onMount, Show, untrack } from 'solid-js'
import { guidelinesSchema, maxGuidelinesLength } from '../../../shared/schema/guidelines.ts'
import { api } from '../net/http.ts'
import type { Workspace } from '../workspace.ts'
import { SettingsForm } from './settings-form.tsx'

export function GuidelinesSettings(props: { ws: Workspace }) {
  // The form opens with what the server holds now, and keeps what the admin types whatever arrives later.
  const [loaded, setLoaded] = createSignal(false)
  onMount(
    () =>
      void props.ws
        .refreshGuidelines()
        .catch(() => undefined)
        .finally(() => setLoaded(true)),
  )
  const initial = () => untrack(props.ws.guidelines)

  async function save(form: HTMLFormElement): Promise<string> {
    const data = new FormData(form)
    const channels = Object.fromEntries(props.ws.channels().map((c) => [c.id, String(data.get(`channel-${c.id}`) ?? '')]))
    await api(guidelinesSchema, 'PUT', '/api/guidelines', { workspace: String(data.get('workspace') ?? ''), channels })
    await props.ws.refreshGuidelines()
    return 'Guidelines saved'
  }

  return (
    <>
      <h2>Reply guidelines</h2>
      <p class="muted">Shown beside the reply box. A channel’s own guidelines are shown first, then the workspace’s.</p>
      <Show when={loaded()} fallback={<p class="muted">Loading…</p>}>
        <SettingsForm label="Reply guidelines" submit="Save guidelines" onSubmit={save}>
          <label>
            Every channel
            <textarea
              class="guideline-text"
              name="workspace"
              rows="5"
              maxLength={maxGuidelinesLength}
              value={initial().workspace}
              placeholder="Tone, greeting, sign-off, what to avoid…"
            />
          </label>
          <For each={props.ws.channels()}>
            {(channel) => (
              <label>
                {channel.name} ({channel.kind})
                <textarea
                  class="guideline-text"
                  name={`channel-${channel.id}`}
                  rows="3"
                  maxLength={maxGuidelinesLength}
                  value={initial().channels[channel.id] ?? ''}
                />
              </label>
            )}
          </For>
        </SettingsForm>
      </Show>
    </>
  )
}
