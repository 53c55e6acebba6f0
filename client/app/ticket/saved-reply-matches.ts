// Which saved replies the picker shows for what the agent has typed: every word must appear in the
// title, shortcut, folder or body (any script, case and width folded); shortcuts starting with the text
// come first. The server's order (the conversation's language first, then the most used) is kept otherwise.
import type { SavedReply } from '../../../shared/schema/saved-reply.ts'

const fold = (text: string) => text.normalize('NFKC').toLowerCase()

export function savedReplyMatches(replies: readonly SavedReply[], typed: string): SavedReply[] {
  const query = fold(typed.trim().replace(/^\/+/, ''))
  if (!query) return [...replies]
  const words = query.split(/\s+/)
  const found = replies.filter((r) => {
    const text = fold([r.title, r.shortcut ?? '', r.folder ?? '', r.body].join('\n'))
    return words.every((w) => text.includes(w))
  })
  const byShortcut = (r: SavedReply) => (r.shortcut?.startsWith(query) ? 0 : 1)
  return found.sort((a, b) => byShortcut(a) - byShortcut(b))
}
