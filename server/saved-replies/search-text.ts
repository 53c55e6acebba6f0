// The indexed text of a saved reply: title, shortcut and body, segmented as ticket search segments them,
// so a word in any language (a Japanese one included) finds the reply.
import { type SQL, sql } from 'drizzle-orm'
import { segmentForIndex } from '../search/segment.ts'

export function savedReplySearch(reply: { title: string; shortcut: string | null; body: string }): SQL {
  return sql`to_tsvector('simple', ${segmentForIndex([reply.title, reply.shortcut ?? '', reply.body].join(' '))})`
}
