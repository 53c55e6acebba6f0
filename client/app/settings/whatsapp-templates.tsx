// The templates of a WhatsApp channel: each with its language, Meta's review status, category and body;
// a form to add one by hand (name, language, body with {{1}}); and "Sync from WhatsApp", which reads the
// account's templates from Meta and says how many were added and updated, or why Meta refused.
import { createSignal, For, Show } from 'solid-js'
import type { Channel } from '../../../shared/schema/channel.ts'
import { templateListSchema, templateResponseSchema, templateSyncSchema } from '../../../shared/schema/reply.ts'
import { api } from '../net/http.ts'
import { errorText } from './error-text.ts'
import { SettingsForm } from './settings-form.tsx'
import { useList } from './use-list.ts'

export function WhatsAppTemplates(props: { channel: Channel }) {
  const path = () => `/api/channels/${props.channel.id}/templates`
  const list = useList(templateListSchema, path())
  const [syncing, setSyncing] = createSignal(false)
  const [syncText, setSyncText] = createSignal('')
  const [syncFailed, setSyncFailed] = createSignal(false)

  async function sync(): Promise<void> {
    setSyncing(true)
    setSyncText('Reading the templates from WhatsApp…')
    setSyncFailed(false)
    try {
      const result = await api(templateSyncSchema, 'POST', `${path()}/sync`)
      setSyncText(`Synced from WhatsApp: ${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged.`)
      await list.reload()
    } catch (error) {
      setSyncFailed(true)
      setSyncText(`Sync failed: ${errorText(error)}`)
    } finally {
      setSyncing(false)
    }
  }

  async function add(form: HTMLFormElement): Promise<string> {
    const data = new FormData(form)
    const { template } = await api(templateResponseSchema, 'POST', path(), {
      name: data.get('name'),
      language: data.get('language'),
      body: data.get('body'),
    })
    form.reset()
    await list.reload()
    return `Added ${template.name} (${template.paramCount} parameters)`
  }

  return (
    <section class="templates-panel" aria-label={`Templates of ${props.channel.name}`}>
      <h3>Templates</h3>
      <button type="button" onClick={() => void sync()} disabled={syncing()}>
        Sync from WhatsApp
      </button>
      <Show when={syncText()}>
        <p role={syncFailed() ? 'alert' : 'status'} classList={{ 'sync-failed': syncFailed() }}>
          {syncText()}
        </p>
      </Show>
      <ul class="template-list" aria-label={`Templates list of ${props.channel.name}`}>
        <For each={list.items()} fallback={<li class="muted">{list.loaded() ? 'No templates yet.' : 'Loading…'}</li>}>
          {(t) => (
            <li>
              <div>
                <strong>{t.name}</strong> <span class="muted">{t.language}</span>{' '}
                <span class={`template-status status-${t.status}`}>{t.status}</span>{' '}
                <Show when={t.category}>
                  <span class="muted">{t.category}</span>
                </Show>
              </div>
              <p class="template-body">{t.body}</p>
            </li>
          )}
        </For>
      </ul>
      <SettingsForm
        label={`Add a template to ${props.channel.name}`}
        title="Add a template"
        submit="Add template"
        primary={false}
        onSubmit={add}
      >
        <label>
          Name <input name="name" required placeholder="order_update" pattern="[a-z0-9_]+" />
        </label>
        <label>
          Language <input name="language" required placeholder="en_US" />
        </label>
        <label>
          Body <textarea name="body" required rows="3" placeholder="Hi {{1}}, your order {{2}} is on its way." />
        </label>
      </SettingsForm>
    </section>
  )
}
