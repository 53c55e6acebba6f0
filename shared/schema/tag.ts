// The workspace's tag list (GET/POST /api/tags, PATCH/DELETE /api/tags/:name, POST /api/tags/:name/merge):
// each tag's colour, description and how many tickets carry it. Tickets name tags; names are unique
// whatever their case.
import { z } from 'zod'

/** The named colours a tag can take (besides any #rrggbb); screens map each to a background. */
export const tagPalette = ['gray', 'red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'pink'] as const
export const defaultTagColor = 'gray'

export const tagColorSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine(
    (color) => (tagPalette as readonly string[]).includes(color) || /^#[0-9a-fA-F]{6}$/.test(color),
    `A colour is one of ${tagPalette.join(', ')}, or #rrggbb`,
  )

/** A tag's name: a comma would split it in the ticket's tag field, so none. */
export const tagNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .refine((name) => !name.includes(','), 'A tag name has no comma')

const descriptionSchema = z.string().trim().max(500)

export const tagSchema = z.object({
  name: z.string(),
  color: z.string(),
  description: z.string(),
  /** Tickets that carry the tag (of those the caller may see). */
  ticketCount: z.number().int(),
})
export type Tag = z.infer<typeof tagSchema>

export const tagListSchema = z.object({ items: z.array(tagSchema) })
export const tagResponseSchema = z.object({ tag: tagSchema })

export const createTagSchema = z
  .object({ name: tagNameSchema, color: tagColorSchema.optional(), description: descriptionSchema.optional() })
  .strict()
export type CreateTag = z.infer<typeof createTagSchema>

/** Rename, recolour, describe: any of them, at least one. */
export const updateTagSchema = z
  .object({ name: tagNameSchema.optional(), color: tagColorSchema.optional(), description: descriptionSchema.optional() })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'Give at least one of name, color, description.')
export type UpdateTag = z.infer<typeof updateTagSchema>

export const mergeTagSchema = z.object({ into: tagNameSchema }).strict()
export type MergeTag = z.infer<typeof mergeTagSchema>

/** A change to a tag (for a merge: the tag merged into), and how many tickets and rules were rewritten. */
export const tagChangeResultSchema = z.object({
  tag: tagSchema,
  ticketsChanged: z.number().int(),
  rulesChanged: z.number().int(),
})
export type TagChangeResult = z.infer<typeof tagChangeResultSchema>

/** DELETE /api/tags/:name: the tag is gone, and from this many tickets. */
export const tagDeletedSchema = z.object({ ok: z.literal(true), ticketsChanged: z.number().int() })
