// "History": the audit log of a ticket or a contact, folded until opened (then read from the server), each
// row "when · who (via rule or macro) · what · before → after", newest first, with older pages on demand.
import { createEffect, createSignal, For, on, Show } from 'solid-js'
import { type AuditItem, auditPageSchema } from '../../../shared/schema/audit.ts'
import { api } from '../net/http.ts'
import { errorText } from '../settings/error-text.ts'
import { clockText } from '../ui/time-text.ts'
import { auditWords } from './audit-words.ts'

export function AuditHistory(props: {
  /** `/api/tickets/:id/audit` or `/api/contacts/:id/audit`. */
  path: string
  label: string
  /** Changes when the entity was changed here: an open history is read again. */
  version?: number
  nameOf: (id: string) => string | undefined
}) {
  const [open, setOpen] = createSignal(false)
  const [items, setItems] = createSignal<AuditItem[]>([])
  const [cursor, setCursor] = createSignal<string | null>(null)
  const [state, setState] = createSignal<'idle' | 'loading' | 'error'>('idle')
  const [error, setError] = createSignal('')

  async function load(more: boolean): Promise<void> {
    setState('loading')
    try {
      const after = more && cursor() ? `&cursor=${encodeURIComponent(cursor()!)}` : ''
      const page = await api(auditPageSchema, 'GET', `${props.path}?limit=50${after}`)
      setItems((kept) => (more ? [...kept, ...page.items] : page.items))
      setCursor(page.nextCursor)
      setState('idle')
    } catch (e) {
      setError(errorText(e))
      setState('error')
    }
  }
  createEffect(
    on([() => props.path, () => props.version, open], () => {
      if (open()) void load(false)
    }),
  )

  return (
    <details class="audit-history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{props.label}</summary>
      <Show when={state() !== 'error'} fallback={<p role="alert">{error()}</p>}>
        <ol class="audit-rows" aria-label={props.label}>
          <For each={items()} fallback={<li class="muted">{state() === 'loading' ? 'Loading…' : 'Nothing yet.'}</li>}>
            {(item) => {
              const words = auditWords(item, props.nameOf)
              return (
                <li>
                  <time datetime={item.at}>{clockText(item.at)}</time> · <strong>{words.who}</strong> · {words.what}
                  <Show when={words.change}>
                    {' · '}
                    <span class="audit-change">{words.change}</span>
                  </Show>
                </li>
              )
            }}
          </For>
        </ol>
        <Show when={cursor()}>
          <button type="button" onClick={() => void load(true)} disabled={state() === 'loading'}>
            Show older
          </button>
        </Show>
      </Show>
    </details>
  )
}
