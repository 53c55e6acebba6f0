// Saved replies (canned responses): reusable answers with variables, shared with the workspace, a team, or
// kept personal. Replies sharing a shortcut (or, without one, a title) are language variants of one answer.
import { z } from 'zod'
import { savedReplyVariables } from '../saved-reply/variables.ts'
import { idSchema, isoTimeSchema } from './common.ts'

export const savedReplyScopes = ['workspace', 'team', 'personal'] as const
export const savedReplyScopeSchema = z.enum(savedReplyScopes)
export type SavedReplyScope = z.infer<typeof savedReplyScopeSchema>

/** A BCP-47 tag such as `ja` or `pt-BR`, in its canonical spelling. */
export const languageTagSchema = z
  .string()
  .trim()
  .min(2)
  .max(35)
  .transform((tag, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag)
      if (canonical) return canonical
    } catch {
      // Not a well-formed tag: reported below.
    }
    ctx.addIssue({ code: 'custom', message: `"${tag}" is not a language tag such as ja or en-GB` })
    return z.NEVER
  })

/** Typed after `/` in the composer: letters and digits of any script, `-` and `_`; a leading `/` is dropped. */
export const shortcutSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/^\/+/, '').toLowerCase())
  .pipe(
    z
      .string()
      .min(1, 'A shortcut needs a letter or digit')
      .max(40)
      .regex(/^[\p{L}\p{N}_-]+$/u, 'A shortcut is letters, digits, - and _ (no spaces)'),
  )

const folderSchema = z.string().trim().min(1).max(80)

export const savedReplySchema = z.object({
  id: idSchema,
  title: z.string(),
  shortcut: z.string().nullable(),
  body: z.string(),
  language: z.string().nullable(),
  scope: savedReplyScopeSchema,
  teamId: idSchema.nullable(),
  /** The author; for a personal reply, the only one who sees it. */
  ownerId: idSchema.nullable(),
  folder: z.string().nullable(),
  /** Files to send with the reply: not kept yet, always empty. */
  attachments: z.array(z.never()),
  /** How often it was put into a reply, and when last. */
  usageCount: z.number().int(),
  lastUsedAt: isoTimeSchema.nullable(),
  /** Other replies of the same shortcut (or title) visible to the caller: its other languages. */
  variants: z.array(z.object({ id: idSchema, language: z.string().nullable() })),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
})
export type SavedReply = z.infer<typeof savedReplySchema>

const bodySchema = z.string().trim().min(1).max(10_000)

export const createSavedReplySchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    shortcut: shortcutSchema.nullish(),
    body: bodySchema,
    language: languageTagSchema.nullish(),
    scope: savedReplyScopeSchema,
    teamId: idSchema.nullish(),
    folder: folderSchema.nullish(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.scope === 'team' && !r.teamId)
      ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'A team reply names its team' })
    if (r.scope !== 'team' && r.teamId)
      ctx.addIssue({ code: 'custom', path: ['teamId'], message: `A ${r.scope} reply names no team` })
  })
export type CreateSavedReply = z.infer<typeof createSavedReplySchema>

/** Any of the fields; `null` clears shortcut, language and folder. The reply as changed must still hold together. */
export const updateSavedReplySchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    shortcut: shortcutSchema.nullable(),
    body: bodySchema,
    language: languageTagSchema.nullable(),
    scope: savedReplyScopeSchema,
    teamId: idSchema.nullable(),
    folder: folderSchema.nullable(),
  })
  .partial()
  .strict()
export type UpdateSavedReply = z.infer<typeof updateSavedReplySchema>

export const savedReplyOrders = ['title', 'usage', 'recent'] as const

export const savedReplyListQuerySchema = z.object({
  /** Words of the title, shortcut or body, in any language (as the ticket search matches them). */
  q: z.string().trim().max(200).optional(),
  /** Replies in this language first (then those in none, then the others). */
  language: languageTagSchema.optional(),
  /** Only this team's replies. */
  teamId: idSchema.optional(),
  /** The conversation the replies are for: without `language`, its customer's language comes first. */
  ticketId: idSchema.optional(),
  scope: savedReplyScopeSchema.optional(),
  folder: folderSchema.optional(),
  /** `title` (default, by folder then title), `usage` (most used first) or `recent` (last used first). */
  sort: z.enum(savedReplyOrders).default('title'),
})
export type SavedReplyListQuery = z.infer<typeof savedReplyListQuerySchema>

export const savedReplyListSchema = z.object({
  items: z.array(savedReplySchema),
  /** The language put first: the one asked for, or the conversation's; null when none. */
  language: z.string().nullable(),
})
export const savedReplyResponseSchema = z.object({ savedReply: savedReplySchema })

export const renderSavedReplySchema = z.object({ savedReplyId: idSchema }).strict()
export const renderedSavedReplySchema = z.object({
  body: z.string(),
  unresolved: z.array(z.enum(savedReplyVariables)),
})
