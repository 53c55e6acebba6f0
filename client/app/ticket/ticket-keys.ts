// The open ticket's keys: r reply, n note, m macros, # tags, s snooze, u mark unread, e resolve, a assign to me, and Ctrl/⌘+Enter
// to send from the composer (the one shortcut that works while typing). The composer is reached through
// what it shows the agent (its tabs, fields and buttons by name), so it needs no hooks of its own.
import { onCleanup } from 'solid-js'
import { selection } from '../inbox/ticket-selection.ts'
import { isSendChord, typingOrChord } from '../keyboard/shortcuts.ts'

export function useTicketKeys(actions: { resolve(): void; snooze(): void; markUnread(): void; assignToMe(): void }): void {
  const onKey = (event: KeyboardEvent) => {
    if (isSendChord(event)) {
      if (sendFrom(event.target as HTMLElement)) event.preventDefault()
      return
    }
    // Ticked inbox rows take the keys (a bulk change); a dialog keeps them too.
    if (typingOrChord(event) || selection().size || document.querySelector('[aria-modal="true"]')) return
    if (event.key === 'r') write('Reply')
    else if (event.key === 'n') write('Internal note')
    else if (event.key === 'm') document.querySelector<HTMLButtonElement>('.composer [data-shortcut="macros"]')?.click()
    else if (event.key === '#') document.querySelector<HTMLInputElement>('[data-shortcut="tags"]')?.focus()
    else if (event.key === 's') actions.snooze()
    else if (event.key === 'u') actions.markUnread()
    else if (event.key === 'e') actions.resolve()
    else if (event.key === 'a') actions.assignToMe()
    else return
    event.preventDefault()
  }
  document.addEventListener('keydown', onKey)
  onCleanup(() => document.removeEventListener('keydown', onKey))
}

/** Opens the composer's tab of that name and puts the cursor in its text box. */
function write(name: 'Reply' | 'Internal note'): void {
  const composer = document.querySelector('.composer')
  const tab = [...(composer?.querySelectorAll<HTMLElement>('[role="tab"]') ?? [])].find((t) => t.textContent?.trim() === name)
  tab?.click()
  queueMicrotask(() => composer?.querySelector<HTMLTextAreaElement>(`textarea[aria-label="${name}"]`)?.focus())
}

/** Presses the Send (or Add note) button of the composer part the key was typed in; false when there is none. */
function sendFrom(target: HTMLElement): boolean {
  const composer = target.closest?.('.composer')
  if (!composer) return false
  for (let node = target.parentElement; node && composer.contains(node); node = node.parentElement) {
    const button = [...node.querySelectorAll('button')].find(
      (b) => /^(Send|Add note)$/.test(b.textContent?.trim() ?? '') && !b.disabled,
    )
    if (button) {
      button.click()
      return true
    }
  }
  return false
}
