// GET /api/saved-replies: the replies the actor may see, narrowed by a search (title, shortcut and body,
// in any language), team, scope or folder; the wanted language's variants first, then in the order asked.
// A workspace holds hundreds of saved replies, not millions: the visible set is read whole and ordered here.
import { type SQL, sql } from 'drizzle-orm'
import type { SavedReply, SavedReplyListQuery } from '../../shared/schema/saved-reply.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { savedReplies } from '../db/schema/saved-replies.ts'
import { segmentForQuery } from '../search/segment.ts'
import { conversationLanguage } from './conversation-language.ts'
import { languageRank } from './language-rank.ts'
import { visibleSavedReplies } from './saved-reply-access.ts'
import { type SavedReplyRow, toSavedReply } from './saved-reply-view.ts'

export async function listSavedReplies(
  db: Db,
  actor: Actor,
  query: SavedReplyListQuery,
): Promise<{ items: SavedReply[]; language: string | null }> {
  const language = query.language ?? (query.ticketId ? await conversationLanguage(db, actor, query.ticketId) : null)
  const matches = searchCondition(query.q)
  const found = await db.select({ row: savedReplies, matches }).from(savedReplies).where(visibleSavedReplies(actor)).limit(5000)
  const visible = found.map((f) => f.row)
  const items = found
    .filter((f) => f.matches)
    .map((f) => f.row)
    .filter(
      (r) =>
        (!query.teamId || r.teamId === query.teamId) &&
        (!query.scope || r.scope === query.scope) &&
        (!query.folder || r.folder === query.folder),
    )
    .sort((a, b) => languageRank(a.language, language) - languageRank(b.language, language) || byOrder(query.sort)(a, b))
  return { items: items.map((row) => toSavedReply(row, visible)), language }
}

/** Whether a row matches the search: its words (bigrams in unspaced scripts), or a shortcut starting with it. */
function searchCondition(q: string | undefined): SQL<boolean> {
  const text = q ? segmentForQuery(q).trim() : ''
  if (!q || !text) return sql<boolean>`true`
  const prefix = `${q
    .replace(/^\/+/, '')
    .toLowerCase()
    .replace(/[\\%_]/g, '\\$&')}%`
  return sql<boolean>`(${savedReplies.search} @@ plainto_tsquery('simple', ${text}) or ${savedReplies.shortcut} like ${prefix})`
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

function byOrder(order: SavedReplyListQuery['sort']): (a: SavedReplyRow, b: SavedReplyRow) => number {
  const byTitle = (a: SavedReplyRow, b: SavedReplyRow) => collator.compare(a.title, b.title) || a.id.localeCompare(b.id)
  if (order === 'usage') return (a, b) => b.usageCount - a.usageCount || byTitle(a, b)
  if (order === 'recent') return (a, b) => (b.lastUsedAt?.getTime() ?? 0) - (a.lastUsedAt?.getTime() ?? 0) || byTitle(a, b)
  return (a, b) => collator.compare(a.folder ?? '', b.folder ?? '') || byTitle(a, b)
}
