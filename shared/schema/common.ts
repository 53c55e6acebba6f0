// Small building blocks shared by several wire schemas.
import { z } from 'zod'

/** Ids are opaque to clients; the server makes them as UUIDs, so anything else cannot name a row. */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const idSchema = z.string().regex(uuidPattern, 'Not an id this server gave out')
export const isoTimeSchema = z.string().describe('ISO-8601 time in UTC')

export const channelKinds = ['messenger', 'instagram', 'whatsapp', 'email', 'chat', 'form'] as const
export const channelKindSchema = z.enum(channelKinds)
export type ChannelKind = z.infer<typeof channelKindSchema>

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
})

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() })
}
