// `?` shows every keyboard shortcut in a dialog; Escape or the button closes it.
import { createSignal, For, onCleanup, Show } from 'solid-js'
import { undoLast } from '../ui/undo-toast.tsx'
import { shortcuts, typingOrChord } from './shortcuts.ts'

export function ShortcutHelp() {
  const [open, setOpen] = createSignal(false)
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open()) setOpen(false)
    else if (typingOrChord(event)) return
    else if (event.key === '?') setOpen((o) => !o)
    else if (event.key === 'z' && undoLast()) event.preventDefault()
  }
  document.addEventListener('keydown', onKey)
  onCleanup(() => document.removeEventListener('keydown', onKey))
  return (
    <Show when={open()}>
      <div class="shortcut-help" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts">
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            <For each={shortcuts}>
              {(s) => (
                <tr>
                  <td>
                    <kbd>{s.keys}</kbd>
                  </td>
                  <td>{s.what}</td>
                  <td class="muted">{s.where}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <button type="button" ref={(b) => queueMicrotask(() => b.focus())} onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
    </Show>
  )
}
