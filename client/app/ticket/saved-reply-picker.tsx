// The saved-reply picker of the composer (opened by `/` at the start of a line, or Ctrl/⌘+K): a search box
// over the replies the agent may use, the conversation's language first; arrows move, Enter chooses,
// Escape closes. The highlighted reply is previewed filled in with what this screen knows.
import { createMemo, createResource, createSignal, For, onMount, Show } from 'solid-js'
import { type RenderContext, renderSavedReply } from '../../../shared/saved-reply/render-saved-reply.ts'
import { type SavedReply, savedReplyListSchema } from '../../../shared/schema/saved-reply.ts'
import { api } from '../net/http.ts'
import { errorText } from '../settings/error-text.ts'
import { savedReplyMatches } from './saved-reply-matches.ts'

export function SavedReplyPicker(props: {
  ticketId: string
  /** What the preview fills variables from (the server fills them again, with the order in view, on choosing). */
  context: RenderContext
  onPick(reply: SavedReply): void
  /** Closed without a choice (Escape: `focus` back to the draft; a click elsewhere: not); `typed` is the search box's text. */
  onClose(typed: string, focus: boolean): void
}) {
  const [typed, setTyped] = createSignal('')
  const [active, setActive] = createSignal(0)
  const [list] = createResource(() =>
    api(savedReplyListSchema, 'GET', `/api/saved-replies?sort=usage&ticketId=${encodeURIComponent(props.ticketId)}`),
  )
  const shown = createMemo(() => savedReplyMatches(list()?.items ?? [], typed()))
  const current = () => shown()[Math.min(active(), shown().length - 1)]
  let search!: HTMLInputElement
  onMount(() => search.focus())

  const move = (by: number) => {
    const count = shown().length
    if (count) setActive((i) => (Math.min(i, count - 1) + by + count) % count)
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') move(1)
    else if (event.key === 'ArrowUp') move(-1)
    else if (event.key === 'Enter') {
      const reply = current()
      if (reply) props.onPick(reply)
    } else if (event.key === 'Escape') props.onClose(typed(), true)
    else return
    event.preventDefault()
    event.stopPropagation()
  }
  const optionId = (reply: SavedReply) => `saved-reply-${reply.id}`

  return (
    <div class="saved-reply-picker" role="dialog" aria-label="Saved replies">
      <input
        ref={search}
        type="search"
        class="saved-reply-search"
        role="combobox"
        aria-label="Search saved replies"
        aria-expanded="true"
        aria-controls="saved-reply-options"
        aria-activedescendant={current() ? optionId(current()!) : undefined}
        placeholder="Search saved replies… (↑↓ to move, Enter to insert, Esc to close)"
        value={typed()}
        onInput={(e) => {
          setTyped(e.currentTarget.value)
          setActive(0)
        }}
        onKeyDown={onKeyDown}
        onBlur={(e) => {
          // Clicking an option keeps the picker; leaving it elsewhere closes it.
          if (!e.currentTarget.closest('.saved-reply-picker')?.contains(e.relatedTarget as Node)) props.onClose(typed(), false)
        }}
      />
      <Show when={list.error}>
        <p class="error" role="alert">
          {errorText(list.error)}
        </p>
      </Show>
      <Show when={list.state === 'ready' && shown().length === 0}>
        <p class="muted">{list()?.items.length ? 'No saved reply matches.' : 'No saved replies yet: make some in Settings.'}</p>
      </Show>
      <div id="saved-reply-options" class="saved-reply-options" role="listbox" aria-label="Saved replies found">
        <For each={shown()}>
          {(reply, i) => (
            <div
              id={optionId(reply)}
              role="option"
              tabIndex={-1}
              aria-selected={current()?.id === reply.id}
              onMouseEnter={() => setActive(i())}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => props.onPick(reply)}
              onKeyDown={(e) => e.key === 'Enter' && props.onPick(reply)}
            >
              <span class="saved-reply-title">
                {reply.title}
                <Show when={reply.shortcut}>
                  <small>/{reply.shortcut}</small>
                </Show>
                <Show when={reply.language}>
                  <span class="language-tag">{reply.language}</span>
                </Show>
              </span>
              <Show when={current()?.id === reply.id}>
                <span class="saved-reply-preview">{renderSavedReply(reply.body, props.context).body}</span>
              </Show>
            </div>
          )}
        </For>
      </div>
    </div>
  )
}
