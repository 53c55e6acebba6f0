// What a saved reply must satisfy before it is written, checked inside the writing transaction: its body
// uses only known variables, its team exists, and its shortcut is free in its scope for its language.
import { and, eq, ne, type SQL, sql } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import { savedReplyVariables, unknownVariables } from '../../shared/saved-reply/variables.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { teams } from '../db/schema/agents.ts'
import { savedReplies } from '../db/schema/saved-replies.ts'

export interface SavedReplyDraft {
  body: string
  shortcut: string | null
  language: string | null
  teamId: string | null
  scopeKey: string
}

export async function checkSavedReply(db: Db, actor: Actor, draft: SavedReplyDraft, exceptId?: string): Promise<void> {
  const unknown = unknownVariables(draft.body)
  if (unknown.length) {
    const named = unknown.map((name) => `{{${name}}}`).join(', ')
    throw new AppError(
      'unknown_variable',
      `The body uses ${named}, which ${unknown.length === 1 ? 'is no variable' : 'are no variables'}; the variables are ${savedReplyVariables.map((v) => `{{${v}}}`).join(', ')}.`,
      { unknown, known: savedReplyVariables },
    )
  }
  if (draft.teamId) {
    const [team] = await db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.id, draft.teamId), eq(teams.workspaceId, actor.workspaceId)))
    if (!team) throw new AppError('invalid_input', `No team ${draft.teamId}.`, [{ path: 'teamId', message: 'Unknown team' }])
  }
  if (draft.shortcut) {
    const conditions: SQL[] = [
      eq(savedReplies.workspaceId, actor.workspaceId),
      eq(savedReplies.scopeKey, draft.scopeKey),
      eq(savedReplies.shortcut, draft.shortcut),
      sql`coalesce(${savedReplies.language}, '') = ${draft.language ?? ''}`,
    ]
    if (exceptId) conditions.push(ne(savedReplies.id, exceptId))
    const [taken] = await db
      .select({ id: savedReplies.id, title: savedReplies.title })
      .from(savedReplies)
      .where(and(...conditions))
    if (taken) throw shortcutTaken(draft.shortcut, draft.language, taken)
  }
}

export function shortcutTaken(shortcut: string, language: string | null, holder?: { id: string; title: string }): AppError {
  const inLanguage = language ? ` in ${language}` : ' without a language'
  const by = holder ? ` by "${holder.title}"` : ''
  return new AppError(
    'shortcut_taken',
    `The shortcut /${shortcut} is already used${by}${inLanguage} in this scope; pick another, or give this reply another language to make it a variant.`,
    holder ? { savedReplyId: holder.id } : undefined,
  )
}

/** A write that lost a race for the shortcut (the unique index) is the same conflict as one seen before. */
export function isShortcutConflict(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const { code, constraint, message } = e as { code?: string; constraint?: string; message?: string }
    if (code === '23505' && (constraint === 'saved_replies_shortcut_key' || message?.includes('saved_replies_shortcut_key')))
      return true
  }
  return false
}
