// The inbox's order (newest activity first, or most urgent first), and how a change to a few tickets is
// folded into a sorted list without reading the whole list again.
import type { InboxFilters, InboxRow } from './inbox-query.ts'

type Compare = (a: InboxRow, b: InboxRow) => number

const byActivity: Compare = (a, b) =>
  b.last_message_at.getTime() - a.last_message_at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)

const byPriority: Compare = (a, b) =>
  (b.priority_score ?? Number.NEGATIVE_INFINITY) - (a.priority_score ?? Number.NEGATIVE_INFINITY) || byActivity(a, b)

export function inboxOrder(filters: InboxFilters): Compare {
  return filters.sort === 'priority' ? byPriority : byActivity
}

/**
 * The list with the changed tickets' rows replaced: those no longer in the view leave, the others are
 * put where the order places them (a binary search each). `fresh` holds the changed tickets still in view.
 */
export function foldChanges(
  list: readonly InboxRow[],
  changedIds: readonly string[],
  fresh: readonly InboxRow[],
  compare: Compare,
): InboxRow[] {
  const changed = new Set(changedIds)
  const next = list.filter((row) => !changed.has(row.id))
  for (const row of [...fresh].sort(compare)) {
    let low = 0
    let high = next.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (compare(next[middle] as InboxRow, row) <= 0) low = middle + 1
      else high = middle
    }
    next.splice(low, 0, row)
  }
  return next
}
