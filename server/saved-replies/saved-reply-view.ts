// Saved-reply rows as the API shows them (shared/schema/saved-reply.ts), with their language variants.
import type { SavedReply } from '../../shared/schema/saved-reply.ts'
import type { savedReplies } from '../db/schema/saved-replies.ts'

export type SavedReplyRow = typeof savedReplies.$inferSelect

/** Replies with the same shortcut, or without one the same title, are one answer in several languages. */
export function variantKey(row: Pick<SavedReplyRow, 'shortcut' | 'title'>): string {
  return row.shortcut ? `/${row.shortcut}` : `title:${row.title.trim().toLowerCase()}`
}

export function toSavedReply(row: SavedReplyRow, siblings: readonly SavedReplyRow[] = []): SavedReply {
  const key = variantKey(row)
  return {
    id: row.id,
    title: row.title,
    shortcut: row.shortcut,
    body: row.body,
    language: row.language,
    scope: row.scope,
    teamId: row.teamId,
    ownerId: row.ownerId,
    folder: row.folder,
    attachments: [],
    usageCount: row.usageCount,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    variants: siblings.filter((s) => s.id !== row.id && variantKey(s) === key).map((s) => ({ id: s.id, language: s.language })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}
