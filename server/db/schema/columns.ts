// Column types drizzle lacks, and the column sets every tenant table repeats.
import { customType, timestamp, uuid } from 'drizzle-orm/pg-core'

/** A full-text vector; written with to_tsvector('simple', <segmented text>) (server/search/segment.ts). */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

/** Bytes (stored files, document updates); both drivers read them as Buffer or Uint8Array. */
export const bytea = customType<{ data: Uint8Array }>({ dataType: () => 'bytea' })

/** A 64-bit transaction id (PostgreSQL's xid8), read and written as its decimal text. */
export const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' })

export const id = () => uuid('id').primaryKey()
export const workspaceId = () => uuid('workspace_id').notNull()
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow()
export const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })
