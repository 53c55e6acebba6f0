// Saved replies: the list the agent may see (with a search), and a form to make one or change one: title,
// shortcut, folder, language, who sees it (only me, a team, everyone) and the body with its variables.
// Every agent has this screen (their personal replies); the server decides who may change shared ones and
// its refusal (an unknown variable, a shortcut taken, a missing right) is shown beside the form.
import { createSignal, For, Show } from 'solid-js'
import { z } from 'zod'
import { savedReplyVariables } from '../../../shared/saved-reply/variables.ts'
import { type SavedReply, savedReplyListSchema, savedReplyResponseSchema } from '../../../shared/schema/saved-reply.ts'
import { api } from '../net/http.ts'
import { savedReplyMatches } from '../ticket/saved-reply-matches.ts'
import type { Workspace } from '../workspace.ts'
import { errorText } from './error-text.ts'
import { SettingsForm } from './settings-form.tsx'
import { SettingsList } from './settings-list.tsx'
import { useList } from './use-list.ts'

const commonLanguages = ['en', 'ja', 'es', 'fr', 'de', 'pt', 'it', 'zh', 'ko', 'th', 'ar', 'ru']

export function SavedRepliesSettings(props: { ws: Workspace }) {
  const replies = useList(savedReplyListSchema, '/api/saved-replies')
  const [search, setSearch] = createSignal('')
  const [editing, setEditing] = createSignal<SavedReply | null>(null)
  const [deleting, setDeleting] = createSignal<string | null>(null)
  const [status, setStatus] = createSignal('')
  const overseer = () => props.ws.me.role !== 'agent'
  const myTeams = () => props.ws.teams().filter((t) => overseer() || t.agentIds.includes(props.ws.me.id))
  const teamName = (id: string | null) => props.ws.teams().find((t) => t.id === id)?.name ?? 'a team'
  const audience = (r: SavedReply) =>
    r.scope === 'workspace' ? 'Everyone' : r.scope === 'team' ? `Team ${teamName(r.teamId)}` : 'Only me'

  async function save(form: HTMLFormElement): Promise<string> {
    const data = new FormData(form)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const [scope, teamId] = text('audience').split(':') as [SavedReply['scope'], string | undefined]
    const current = editing()
    const optional = (value: string) => value || (current ? null : undefined)
    const payload = {
      title: text('title'),
      shortcut: optional(text('shortcut')),
      folder: optional(text('folder')),
      language: optional(text('language')),
      body: String(data.get('body') ?? ''),
      scope,
      teamId: teamId ?? (current ? null : undefined),
    }
    if (current) {
      await api(savedReplyResponseSchema, 'PATCH', `/api/saved-replies/${current.id}`, payload)
      setEditing(null)
    } else {
      await api(savedReplyResponseSchema, 'POST', '/api/saved-replies', payload)
      form.reset()
    }
    await replies.reload()
    return current ? `Saved reply "${payload.title}" changed` : `Saved reply "${payload.title}" made`
  }

  async function remove(reply: SavedReply): Promise<void> {
    setStatus('')
    try {
      await api(z.unknown(), 'DELETE', `/api/saved-replies/${reply.id}`)
      setDeleting(null)
      if (editing()?.id === reply.id) setEditing(null)
      await replies.reload()
      setStatus(`Saved reply "${reply.title}" deleted`)
    } catch (error) {
      setStatus(errorText(error))
    }
  }

  /** Puts a variable into the body where the cursor is. */
  function addVariable(area: HTMLTextAreaElement, name: string): void {
    const at = area.selectionStart
    area.setRangeText(`{{${name}}}`, at, area.selectionEnd, 'end')
    area.focus()
  }

  return (
    <div class="saved-replies-settings">
      <h2>Saved replies</h2>
      <label>
        Search{' '}
        <input
          type="search"
          aria-label="Search saved replies"
          value={search()}
          onInput={(e) => setSearch(e.currentTarget.value)}
        />
      </label>
      <Show when={replies.error()}>
        <p class="error" role="alert">
          {errorText(replies.error())}
        </p>
      </Show>
      <SettingsList
        count={savedReplyMatches(replies.items(), search()).length}
        loaded={replies.loaded()}
        empty={search() ? 'No saved reply matches.' : 'No saved replies yet.'}
      >
        <For each={savedReplyMatches(replies.items(), search())}>
          {(reply) => (
            <li class="saved-reply-row" aria-label={`Saved reply ${reply.title}`}>
              <span class="saved-reply-title">
                <strong>{reply.title}</strong>
                <Show when={reply.shortcut}>
                  <small>/{reply.shortcut}</small>
                </Show>
                <Show when={reply.language}>
                  <span class="language-tag">{reply.language}</span>
                </Show>
                <span class="muted">
                  {audience(reply)}
                  {reply.folder ? ` · ${reply.folder}` : ''} · used {reply.usageCount}×
                </span>
              </span>
              <pre>{reply.body}</pre>
              <span>
                <button type="button" onClick={() => setEditing(reply)} aria-label={`Edit ${reply.title}`}>
                  Edit
                </button>{' '}
                <Show
                  when={deleting() === reply.id}
                  fallback={
                    <button type="button" onClick={() => setDeleting(reply.id)} aria-label={`Delete ${reply.title}`}>
                      Delete
                    </button>
                  }
                >
                  <button type="button" class="danger" onClick={() => void remove(reply)}>
                    Delete "{reply.title}" for good
                  </button>{' '}
                  <button type="button" onClick={() => setDeleting(null)}>
                    Keep it
                  </button>
                </Show>
              </span>
            </li>
          )}
        </For>
      </SettingsList>
      <Show when={status()}>
        <p role="status">{status()}</p>
      </Show>
      <Show when={editing()?.id ?? 'new'} keyed>
        {(_) => {
          const r = editing()
          const chosen = r ? (r.teamId ? `team:${r.teamId}` : r.scope) : 'personal'
          let body!: HTMLTextAreaElement
          return (
            <SettingsForm
              label={r ? 'Change saved reply' : 'Make a saved reply'}
              title={r ? `Change "${r.title}"` : 'Make a saved reply'}
              submit={r ? 'Save changes' : 'Make saved reply'}
              onSubmit={save}
            >
              <label>
                Title <input name="title" required value={r?.title ?? ''} />
              </label>
              <label>
                Shortcut <input name="shortcut" placeholder="refund (typed after /)" value={r?.shortcut ?? ''} />
              </label>
              <label>
                Folder <input name="folder" placeholder="Shipping" value={r?.folder ?? ''} />
              </label>
              <label>
                Language
                <input name="language" list="saved-reply-languages" placeholder="ja, en, pt-BR…" value={r?.language ?? ''} />
                <datalist id="saved-reply-languages">
                  <For each={commonLanguages}>{(tag) => <option value={tag} />}</For>
                </datalist>
              </label>
              <label>
                Who sees it
                <select name="audience">
                  <option value="personal" selected={chosen === 'personal'}>
                    Only me
                  </option>
                  <For each={myTeams()}>
                    {(team) => (
                      <option value={`team:${team.id}`} selected={chosen === `team:${team.id}`}>
                        Team {team.name}
                      </option>
                    )}
                  </For>
                  <Show when={overseer() || chosen === 'workspace'}>
                    <option value="workspace" selected={chosen === 'workspace'}>
                      Everyone
                    </option>
                  </Show>
                </select>
              </label>
              <label>
                Body
                <textarea ref={body} name="body" rows="6" required value={r?.body ?? ''} />
              </label>
              <p class="muted">
                Variables (filled in from the conversation):{' '}
                <For each={savedReplyVariables}>
                  {(name) => (
                    <button type="button" class="link-button" onClick={() => addVariable(body, name)}>
                      {`{{${name}}}`}
                    </button>
                  )}
                </For>
              </p>
              <Show when={r}>
                <button type="button" onClick={() => setEditing(null)}>
                  Cancel
                </button>
              </Show>
            </SettingsForm>
          )
        }}
      </Show>
    </div>
  )
}
