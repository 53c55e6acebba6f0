// The Macros menu, in the composer and in the inbox's bulk bar (and under `m`): the workspace's macros by
// name, read afresh each time it opens; choosing one hands it to the caller to run.
import { createResource, For, Show } from 'solid-js'
import { type Macro, macroListSchema } from '../../../shared/schema/macro.ts'
import { api } from '../net/http.ts'
import { errorText } from '../settings/error-text.ts'

export function MacroMenu(props: { open: boolean; onOpenChange(open: boolean): void; onRun(macro: Macro): void }) {
  const [list] = createResource(
    () => props.open || null,
    () => api(macroListSchema, 'GET', '/api/macros'),
  )
  return (
    <div class="bulk-menu-anchor macro-menu-anchor">
      <button
        type="button"
        data-shortcut="macros"
        aria-keyshortcuts="m"
        aria-haspopup="dialog"
        aria-expanded={props.open}
        onClick={() => props.onOpenChange(!props.open)}
      >
        Macros
      </button>
      <Show when={props.open}>
        <div
          class="bulk-menu macro-menu"
          role="dialog"
          aria-label="Macros"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return
            e.stopPropagation()
            props.onOpenChange(false)
          }}
        >
          <Show when={list.error}>
            <p class="error" role="alert">
              {errorText(list.error)}
            </p>
          </Show>
          <Show when={list.state === 'ready' && !list()?.items.length}>
            <p class="muted">No macros yet: supervisors make them in Settings.</p>
          </Show>
          <For each={list()?.items ?? []}>
            {(macro, i) => (
              <button
                type="button"
                ref={(el) => i() === 0 && queueMicrotask(() => el.focus())}
                onClick={() => {
                  props.onOpenChange(false)
                  props.onRun(macro)
                }}
              >
                {macro.name}
              </button>
            )}
          </For>
        </div>
      </Show>
    </div>
  )
}
