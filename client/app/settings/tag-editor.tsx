// Changing one tag: its name (every ticket and rule that carries it follows), its colour (a palette
// swatch or any #rrggbb), its description; merging it into another tag; deleting it. The server's
// refusal (a name taken: merge instead) is shown under the form.
import { createSignal, For, Show } from 'solid-js'
import { type Tag, tagChangeResultSchema, tagDeletedSchema, tagPalette } from '../../../shared/schema/tag.ts'
import { api } from '../net/http.ts'
import { tagBackground } from '../ui/tag-color.ts'
import type { Workspace } from '../workspace.ts'
import { errorText } from './error-text.ts'

export function TagEditor(props: { ws: Workspace; tag: Tag; onDone: () => void }) {
  const [status, setStatus] = createSignal('')
  const [color, setColor] = createSignal(props.tag.color)
  const [confirmDelete, setConfirmDelete] = createSignal(false)
  const [into, setInto] = createSignal('')
  const path = () => `/api/tags/${encodeURIComponent(props.tag.name)}`
  const others = () => props.ws.tags().filter((t) => t.name !== props.tag.name)

  const run = async (work: () => Promise<string>) => {
    setStatus('')
    try {
      const done = await work()
      await props.ws.refreshTags()
      setStatus(done)
      props.onDone()
    } catch (error) {
      setStatus(errorText(error))
    }
  }

  const save = (form: HTMLFormElement) =>
    run(async () => {
      const data = new FormData(form)
      const name = String(data.get('name') ?? '').trim()
      const description = String(data.get('description') ?? '').trim()
      const patch = {
        ...(name !== props.tag.name ? { name } : {}),
        ...(color() !== props.tag.color ? { color: color() } : {}),
        ...(description !== props.tag.description ? { description } : {}),
      }
      if (!Object.keys(patch).length) return 'Nothing changed'
      const result = await api(tagChangeResultSchema, 'PATCH', path(), patch)
      return result.ticketsChanged ? `Saved; ${result.ticketsChanged} tickets renamed` : 'Saved'
    })

  return (
    <div class="tag-editor">
      <form
        class="settings-form"
        aria-label={`Edit tag ${props.tag.name}`}
        onSubmit={(e) => {
          e.preventDefault()
          void save(e.currentTarget)
        }}
      >
        <label>
          Name <input name="name" value={props.tag.name} required maxLength={50} />
        </label>
        <fieldset class="swatches">
          <legend>Colour</legend>
          <For each={tagPalette}>
            {(swatch) => (
              <button
                type="button"
                class="swatch"
                style={{ background: tagBackground(swatch) }}
                aria-label={swatch}
                aria-pressed={color() === swatch}
                onClick={() => setColor(swatch)}
              />
            )}
          </For>
          <label class="hex-color">
            Or hex
            <input
              aria-label="Hex colour"
              placeholder="#rrggbb"
              value={color().startsWith('#') ? color() : ''}
              maxLength={7}
              onInput={(e) => e.currentTarget.value.trim() && setColor(e.currentTarget.value.trim())}
            />
          </label>
        </fieldset>
        <label>
          Description <input name="description" value={props.tag.description} maxLength={500} />
        </label>
        <button class="primary" type="submit">
          Save
        </button>
      </form>
      <div class="tag-actions">
        <Show when={others().length}>
          <label class="merge-into">
            Merge into
            <select value={into()} onChange={(e) => setInto(e.currentTarget.value)}>
              <option value="">Choose a tag</option>
              <For each={others()}>{(t) => <option value={t.name}>{t.name}</option>}</For>
            </select>
          </label>
          <button
            type="button"
            disabled={!into()}
            onClick={() => {
              void run(async () => {
                const result = await api(tagChangeResultSchema, 'POST', `${path()}/merge`, { into: into() })
                return `Merged into ${result.tag.name}; ${result.ticketsChanged} tickets changed`
              })
            }}
          >
            Merge
          </button>
        </Show>
        <Show
          when={confirmDelete()}
          fallback={
            <button type="button" class="danger" onClick={() => setConfirmDelete(true)}>
              Delete
            </button>
          }
        >
          <button
            type="button"
            class="danger"
            onClick={() =>
              void run(async () => {
                const result = await api(tagDeletedSchema, 'DELETE', path())
                return `Deleted; taken off ${result.ticketsChanged} tickets`
              })
            }
          >
            Delete “{props.tag.name}” from {props.tag.ticketCount} tickets
          </button>
        </Show>
      </div>
      <Show when={status()}>
        <p role="status">{status()}</p>
      </Show>
    </div>
  )
}
