// Tags: the workspace's list, each in its colour with its description and how many tickets carry it;
// each can be renamed, recoloured, described, merged into another or deleted (tag-editor.tsx), and new
// ones made ahead of use. Changes reach every open app through the sync stream.
import { createSignal, For, onMount, Show } from 'solid-js'
import { tagPalette, tagResponseSchema } from '../../../shared/schema/tag.ts'
import { api } from '../net/http.ts'
import { TagChip } from '../ui/tag-chip.tsx'
import type { Workspace } from '../workspace.ts'
import { SettingsForm } from './settings-form.tsx'
import { SettingsList } from './settings-list.tsx'
import { TagEditor } from './tag-editor.tsx'

export function TagsSettings(props: { ws: Workspace }) {
  const [loaded, setLoaded] = createSignal(false)
  const [editing, setEditing] = createSignal<string | null>(null)
  onMount(() => void props.ws.refreshTags().finally(() => setLoaded(true)))

  async function add(form: HTMLFormElement): Promise<string> {
    const data = new FormData(form)
    const description = String(data.get('description') ?? '').trim()
    await api(tagResponseSchema, 'POST', '/api/tags', {
      name: data.get('name'),
      color: data.get('color'),
      ...(description ? { description } : {}),
    })
    form.reset()
    await props.ws.refreshTags()
    return 'Tag made'
  }

  return (
    <>
      <h2>Tags</h2>
      <SettingsList count={props.ws.tags().length} loaded={loaded()} empty="No tags yet.">
        <For each={props.ws.tags()}>
          {(tag) => (
            <li class="tag-setting" aria-label={`Tag ${tag.name}`}>
              <span class="tag-setting-line">
                <TagChip name={tag.name} color={tag.color} />
                <span class="tag-count">
                  {tag.ticketCount} {tag.ticketCount === 1 ? 'ticket' : 'tickets'}
                </span>
                <button
                  type="button"
                  aria-expanded={editing() === tag.name}
                  onClick={() => setEditing(editing() === tag.name ? null : tag.name)}
                >
                  Edit
                </button>
              </span>
              <Show when={tag.description}>
                <span class="muted tag-description">{tag.description}</span>
              </Show>
              <Show when={editing() === tag.name}>
                <TagEditor ws={props.ws} tag={tag} onDone={() => setEditing(null)} />
              </Show>
            </li>
          )}
        </For>
      </SettingsList>
      <SettingsForm label="Make a tag" title="Make a tag" submit="Make tag" onSubmit={add}>
        <label>
          Name <input name="name" required maxLength={50} />
        </label>
        <label>
          Colour
          <select name="color">
            <For each={tagPalette}>{(color) => <option value={color}>{color}</option>}</For>
          </select>
        </label>
        <label>
          Description <input name="description" maxLength={500} />
        </label>
      </SettingsForm>
    </>
  )
}
