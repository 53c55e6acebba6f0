// The app's keyboard shortcuts, as the `?` dialog lists them, and the rule they all follow: a letter
// never acts while the agent types in a field (Ctrl/⌘+Enter, which sends, is the one key that does).

export const shortcuts: { keys: string; what: string; where: 'Inbox' | 'Ticket' | 'Anywhere' }[] = [
  { keys: 'j / k', what: 'Next / previous ticket in the list', where: 'Inbox' },
  { keys: 'Enter', what: 'Open the ticket', where: 'Inbox' },
  { keys: 'x', what: 'Select the ticket (Shift+click a box: a range)', where: 'Inbox' },
  { keys: '/', what: 'Search', where: 'Inbox' },
  { keys: 'a', what: 'Assign to me', where: 'Inbox' },
  { keys: 'r', what: 'Reply', where: 'Ticket' },
  { keys: 'n', what: 'Internal note', where: 'Ticket' },
  { keys: 'Ctrl/⌘ + Enter', what: 'Send the reply or note', where: 'Ticket' },
  { keys: '/ (line start), Ctrl/⌘ + K', what: 'Insert a saved reply (in the reply box)', where: 'Ticket' },
  { keys: '#', what: 'Tags', where: 'Anywhere' },
  { keys: 'm', what: 'Run a macro', where: 'Anywhere' },
  { keys: 's', what: 'Snooze', where: 'Anywhere' },
  { keys: 'u', what: 'Mark unread', where: 'Anywhere' },
  { keys: 'e', what: 'Resolve', where: 'Anywhere' },
  { keys: 'z', what: 'Undo the last change', where: 'Anywhere' },
  { keys: '?', what: 'Show these shortcuts', where: 'Anywhere' },
  { keys: 'Esc', what: 'Close a menu or dialog', where: 'Anywhere' },
]

/** True when the key goes to a field (or is a chord with Ctrl, ⌘ or Alt): single-key shortcuts stay out. */
export function typingOrChord(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null
  return Boolean(
    target?.closest?.('input, textarea, select, [contenteditable]:not([contenteditable="false"])') ||
      event.metaKey ||
      event.ctrlKey ||
      event.altKey,
  )
}

/** Ctrl+Enter, or ⌘+Enter on a Mac. */
export function isSendChord(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey)
}
