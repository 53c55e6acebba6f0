// Macros (admins and supervisors): each a name, perhaps a saved reply to put into the draft, and the
// ticket changes it makes. Made and changed with one form; the server's refusal (a tag not in the list, a
// team that is gone) is shown beside it.
import { createResource, createSignal, For, Index, Show } from 'solid-js'
import { z } from 'zod'
import { type Macro, macroListSchema, macroResponseSchema } from '../../../shared/schema/macro.ts'
import { savedReplyListSchema } from '../../../shared/schema/saved-reply.ts'
import { priorities, ticketStatuses } from '../../../shared/schema/ticket.ts'
import { api } from '../net/http.ts'
import type { Workspace } from '../workspace.ts'
import { errorText } from './error-text.ts'
import {
  defaultValue,
  type MacroActionDraft,
  macroActionTypes,
  newMacroAction,
  toMacroAction,
  toMacroActionDraft,
} from './macro-action-draft.ts'
import { SettingsList } from './settings-list.tsx'
import { useList } from './use-list.ts'

export function MacrosSettings(props: { ws: Workspace }) {
  const macros = useList(macroListSchema, '/api/macros')
  const [replies] = createResource(() => api(savedReplyListSchema, 'GET', '/api/saved-replies').then((l) => l.items))
  const [editing, setEditing] = createSignal<string | null>(null)
  const [name, setName] = createSignal('')
  const [replyId, setReplyId] = createSignal('')
  const [actions, setActions] = createSignal<MacroActionDraft[]>([newMacroAction()])
  const [status, setStatus] = createSignal('')
  const editAction = (i: number, patch: Partial<MacroActionDraft>) =>
    setActions(actions().map((a, j) => (j === i ? { ...a, ...patch } : a)))

  function startEditing(macro: Macro | null): void {
    setEditing(macro?.id ?? null)
    setName(macro?.name ?? '')
    setReplyId(macro?.savedReplyId ?? '')
    setActions(macro ? macro.actions.map(toMacroActionDraft) : [newMacroAction()])
    setStatus('')
  }

  async function save(): Promise<void> {
    const body = { name: name(), savedReplyId: replyId() || null, actions: actions().map(toMacroAction) }
    const id = editing()
    try {
      await api(macroResponseSchema, id ? 'PATCH' : 'POST', id ? `/api/macros/${id}` : '/api/macros', body)
      startEditing(null)
      setStatus(id ? 'Macro saved' : 'Macro made')
      await macros.reload()
    } catch (error) {
      setStatus(errorText(error))
    }
  }

  async function remove(macro: Macro): Promise<void> {
    try {
      await api(z.unknown(), 'DELETE', `/api/macros/${macro.id}`)
      if (editing() === macro.id) startEditing(null)
      await macros.reload()
    } catch (error) {
      setStatus(errorText(error))
    }
  }

  return (
    <>
      <h2>Macros</h2>
      <SettingsList count={macros.items().length} loaded={macros.loaded()} empty="No macros yet.">
        <For each={macros.items()}>
          {(macro) => (
            <li aria-label={`Macro ${macro.name}`}>
              <strong>{macro.name}</strong>{' '}
              <span class="muted">
                {macro.actions.length} {macro.actions.length === 1 ? 'change' : 'changes'}
                {macro.savedReplyId ? ', a saved reply' : ''}
              </span>{' '}
              <button type="button" onClick={() => startEditing(macro)}>
                Edit
              </button>
              <button type="button" onClick={() => void remove(macro)}>
                Delete
              </button>
            </li>
          )}
        </For>
      </SettingsList>
      <form
        class="settings-form"
        aria-label={editing() ? 'Change the macro' : 'Make a macro'}
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <h3>{editing() ? 'Change the macro' : 'Make a macro'}</h3>
        <label>
          Name <input required maxLength={100} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          Saved reply
          <select value={replyId()} onChange={(e) => setReplyId(e.currentTarget.value)}>
            <option value="">None</option>
            <For each={replies() ?? []}>{(reply) => <option value={reply.id}>{reply.title}</option>}</For>
          </select>
        </label>
        <Index each={actions()}>
          {(a, i) => (
            <fieldset class="macro-action">
              <legend>Change {i + 1}</legend>
              <select
                aria-label={`Change ${i + 1} kind`}
                value={a().type}
                onChange={(e) => {
                  const type = e.currentTarget.value as MacroActionDraft['type']
                  editAction(i, { type, value: defaultValue(type) })
                }}
              >
                <For each={macroActionTypes}>{(t) => <option value={t.type}>{t.label}</option>}</For>
              </select>
              <ActionValue
                ws={props.ws}
                draft={a()}
                label={`Change ${i + 1} value`}
                onValue={(value) => editAction(i, { value })}
              />
              <button type="button" onClick={() => setActions(actions().filter((_, j) => j !== i))}>
                Remove
              </button>
            </fieldset>
          )}
        </Index>
        <button type="button" onClick={() => setActions([...actions(), newMacroAction()])}>
          Add a change
        </button>
        <button class="primary" type="submit">
          {editing() ? 'Save macro' : 'Make macro'}
        </button>
        <Show when={editing()}>
          <button type="button" onClick={() => startEditing(null)}>
            Cancel
          </button>
        </Show>
        <Show when={status()}>
          <p role="status">{status()}</p>
        </Show>
      </form>
    </>
  )
}

/** The value field of one change, as its kind needs: a tag from the list, a status, a team, an agent, minutes. */
function ActionValue(props: { ws: Workspace; draft: MacroActionDraft; label: string; onValue(value: string): void }) {
  const select = (options: readonly { value: string; label: string }[]) => (
    <select aria-label={props.label} value={props.draft.value} onChange={(e) => props.onValue(e.currentTarget.value)}>
      <option value="">Choose…</option>
      <For each={options}>{(o) => <option value={o.value}>{o.label}</option>}</For>
    </select>
  )
  switch (props.draft.type) {
    case 'add_tag':
    case 'remove_tag':
      return (
        <>
          <input
            aria-label={props.label}
            list="macro-tag-names"
            placeholder="tag"
            value={props.draft.value}
            onInput={(e) => props.onValue(e.currentTarget.value)}
          />
          <datalist id="macro-tag-names">
            <For each={props.ws.tags()}>{(tag) => <option value={tag.name} />}</For>
          </datalist>
        </>
      )
    case 'set_status':
      return select(ticketStatuses.map((s) => ({ value: s, label: s })))
    case 'set_priority':
      return select(priorities.map((p) => ({ value: p, label: p })))
    case 'assign_team':
      return select(props.ws.teams().map((t) => ({ value: t.id, label: t.name })))
    case 'assign_agent':
      return select(props.ws.agents().map((a) => ({ value: a.id, label: a.name })))
    case 'snooze':
      return (
        <input
          aria-label={props.label}
          type="number"
          min="1"
          max="525600"
          value={props.draft.value}
          onInput={(e) => props.onValue(e.currentTarget.value)}
        />
      )
  }
}
