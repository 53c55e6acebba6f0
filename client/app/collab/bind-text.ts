// Binds a textarea to a Y.Text both ways: local edits become the smallest insert/delete on the shared
// text, remote edits rewrite the textarea while keeping the caret where it was relative to the text.
import type * as Y from 'yjs'

export function bindText(text: Y.Text, area: HTMLTextAreaElement, onLocalEdit: () => void): () => void {
  area.value = text.toString()
  const origin = {}

  const onInput = () => {
    const before = text.toString()
    const after = area.value
    let start = 0
    while (start < before.length && start < after.length && before[start] === after[start]) start++
    let endBefore = before.length
    let endAfter = after.length
    while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
      endBefore--
      endAfter--
    }
    text.doc?.transact(() => {
      if (endBefore > start) text.delete(start, endBefore - start)
      if (endAfter > start) text.insert(start, after.slice(start, endAfter))
    }, origin)
    onLocalEdit()
  }

  const onRemote = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return
    const focused = document.activeElement === area
    let selectionStart = area.selectionStart
    let selectionEnd = area.selectionEnd
    // Shift the caret by what was inserted or deleted before it.
    let index = 0
    for (const change of event.delta) {
      if (change.retain) index += change.retain
      else if (typeof change.insert === 'string') {
        const length = change.insert.length
        if (index <= selectionStart) selectionStart += length
        if (index < selectionEnd) selectionEnd += length
        index += length
      } else if (change.delete) {
        const removed = change.delete
        selectionStart = index < selectionStart ? Math.max(index, selectionStart - removed) : selectionStart
        selectionEnd = index < selectionEnd ? Math.max(index, selectionEnd - removed) : selectionEnd
      }
    }
    area.value = text.toString()
    if (focused) area.setSelectionRange(selectionStart, selectionEnd)
  }

  area.addEventListener('input', onInput)
  text.observe(onRemote)
  return () => {
    area.removeEventListener('input', onInput)
    text.unobserve(onRemote)
  }
}
