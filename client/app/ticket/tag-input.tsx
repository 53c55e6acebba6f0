// The ticket's tags: each in its colour with a button to take it off, and a field that adds one, offering
// the workspace's tags as you type (arrows to choose, Enter or a comma to add, Escape to close). A name the
// list does not hold is added as typed: it joins the list with the default colour.
import { createMemo, createSignal, For, Show } from 'solid-js'
import type { Tag } from '../../../shared/schema/tag.ts'
import { TagChip } from '../ui/tag-chip.tsx'

/** Suggestions shown at once, at most. */
const shown = 8

export function TagInput(props: {
  tags: readonly string[]
  known: readonly Tag[]
  colorOf: (name: string) => string | undefined
  onChange: (tags: string[]) => void
}) {
  const [text, setText] = createSignal('')
  const [open, setOpen] = createSignal(false)
  const [active, setActive] = createSignal(0)
  /** An option was chosen with the arrows: Enter adds it whatever was typed. */
  const [navigated, setNavigated] = createSignal(false)
  const listId = `tag-options-${Math.random().toString(36).slice(2, 8)}`

  const suggestions = createMemo(() => {
    const typed = text().trim().toLowerCase()
    const has = new Set(props.tags.map((t) => t.toLowerCase()))
    const free = props.known.filter((tag) => !has.has(tag.name.toLowerCase()))
    const starts = free.filter((tag) => tag.name.toLowerCase().startsWith(typed))
    const within = typed
      ? free.filter((tag) => !tag.name.toLowerCase().startsWith(typed) && tag.name.toLowerCase().includes(typed))
      : []
    return [...starts, ...within].slice(0, shown)
  })

  const add = (name: string) => {
    const tag = name.trim()
    setText('')
    setActive(0)
    setNavigated(false)
    if (!tag || props.tags.some((t) => t.toLowerCase() === tag.toLowerCase())) return
    // The list's spelling of a known tag.
    const known = props.known.find((k) => k.name.toLowerCase() === tag.toLowerCase())
    props.onChange([...props.tags, known?.name ?? tag])
  }
  const remove = (name: string) => props.onChange(props.tags.filter((t) => t !== name))

  return (
    <div class="tag-input">
      <For each={props.tags}>
        {(tag) => (
          <span class="tag-edit">
            <TagChip name={tag} color={props.colorOf(tag)} />
            <button type="button" class="tag-remove" aria-label={`Remove tag ${tag}`} onClick={() => remove(tag)}>
              ×
            </button>
          </span>
        )}
      </For>
      <span class="tag-combo">
        <input
          data-shortcut="tags"
          aria-label="Add a tag"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open() && suggestions().length > 0}
          aria-controls={listId}
          aria-activedescendant={open() && suggestions().length ? `${listId}-${active()}` : undefined}
          placeholder="Add a tag"
          autocomplete="off"
          value={text()}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onInput={(e) => {
            const value = e.currentTarget.value
            if (value.includes(',')) {
              for (const part of value.split(',').slice(0, -1)) add(part)
              setText(value.split(',').at(-1) ?? '')
            } else setText(value)
            setActive(0)
            setNavigated(false)
            setOpen(true)
          }}
          onKeyDown={(e) => {
            const options = suggestions()
            if (e.key === 'ArrowDown' && options.length) {
              e.preventDefault()
              setOpen(true)
              setNavigated(true)
              setActive((i) => (i + 1) % options.length)
            } else if (e.key === 'ArrowUp' && options.length) {
              e.preventDefault()
              setNavigated(true)
              setActive((i) => (i - 1 + options.length) % options.length)
            } else if (e.key === 'Enter') {
              e.preventDefault()
              const typed = text().trim().toLowerCase()
              const chosen = open() ? options[active()] : undefined
              // The chosen option when picked with the arrows or begun by the text; else the text as typed.
              const pick = chosen && (navigated() || (typed !== '' && chosen.name.toLowerCase().startsWith(typed)))
              add(pick ? chosen.name : text())
            } else if (e.key === 'Escape' && open()) {
              e.stopPropagation()
              setOpen(false)
            }
          }}
        />
        <Show when={open() && suggestions().length > 0}>
          <div class="tag-options" role="listbox" id={listId} aria-label="Tags">
            <For each={suggestions()}>
              {(tag, index) => (
                <div
                  role="option"
                  tabIndex={-1}
                  id={`${listId}-${index()}`}
                  aria-selected={index() === active()}
                  // Chosen before the field loses focus (which closes the list).
                  onMouseDown={(e) => {
                    e.preventDefault()
                    add(tag.name)
                  }}
                >
                  <TagChip name={tag.name} color={tag.color} />
                  <span class="tag-option-count">{tag.ticketCount}</span>
                </div>
              )}
            </For>
          </div>
        </Show>
      </span>
    </div>
  )
}
