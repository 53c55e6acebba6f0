// The inbox rows ticked for a bulk change. One set for the app: the ticket screen leaves its keys to the
// inbox while something is ticked (`e` then resolves the ticked tickets, not only the open one).
import { createSignal } from 'solid-js'

const [selection, setSelection] = createSignal<ReadonlySet<string>>(new Set())

export { selection }

export function toggleSelected(id: string): void {
  setSelection((s) => {
    const next = new Set(s)
    if (!next.delete(id)) next.add(id)
    return next
  })
}

/** Ticks every id (a shift-click's range). */
export function selectAll(ids: readonly string[]): void {
  setSelection((s) => new Set([...s, ...ids]))
}

export function clearSelection(): void {
  setSelection(new Set<string>())
}

/** Unticks what is not among these (rows that left the view). */
export function keepOnly(ids: ReadonlySet<string>): void {
  setSelection((s) => ([...s].every((id) => ids.has(id)) ? s : new Set([...s].filter((id) => ids.has(id)))))
}
