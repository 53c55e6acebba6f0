// The undo toast: after resolve, snooze, assign and bulk changes, a few seconds in which one press
// (the button, or `z`) puts the tickets back as they were. One toast at a time: a newer change replaces it.
// It stays while the pointer or focus is on it (time to read and reach it, WCAG 2.2.1).
import { createSignal, onCleanup, Show } from 'solid-js'

interface Offer {
  text: string
  undo: () => Promise<void>
}

const shownMs = 8_000
const [offer, setOffer] = createSignal<Offer | null>(null)
let hideTimer: ReturnType<typeof setTimeout> | undefined

export function offerUndo(text: string, undo: () => Promise<void>): void {
  setOffer({ text, undo })
  hideLater()
}

function hideLater(): void {
  clearTimeout(hideTimer)
  hideTimer = setTimeout(() => setOffer(null), shownMs)
}

/** Undoes the offered change, if one is on screen; true when there was one. */
export function undoLast(): boolean {
  const current = offer()
  if (!current) return false
  clearTimeout(hideTimer)
  setOffer(null)
  void current.undo()
  return true
}

export function UndoToast() {
  onCleanup(() => clearTimeout(hideTimer))
  return (
    <Show when={offer()}>
      {(o) => (
        <div
          class="undo-toast"
          role="status"
          onMouseEnter={() => clearTimeout(hideTimer)}
          onFocusIn={() => clearTimeout(hideTimer)}
          onMouseLeave={hideLater}
          onFocusOut={hideLater}
        >
          <span>{o().text}</span>
          <button type="button" onClick={undoLast}>
            Undo
          </button>
        </div>
      )}
    </Show>
  )
}
