// The contacts the viewer may see: newest first, searchable by name or email (any language) and phone,
// paged by cursor.
import { and, desc, ilike, isNull, or, type SQL, sql } from 'drizzle-orm'
import type { Contact } from '../../shared/schema/contact.ts'
import { visibleContacts } from '../access/contact-visibility.ts'
import type { Viewer } from '../access/ticket-visibility.ts'
import type { Db } from '../db/create-db.ts'
import { decodeCursor, encodeCursor } from '../db/keyset-cursor.ts'
import { contacts } from '../db/schema/contacts.ts'
import { segmentForQuery } from '../search/segment.ts'
import { contactColumns, toContact } from './contact-view.ts'

export async function listContacts(
  db: Db,
  viewer: Viewer,
  query: { q?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: Contact[]; nextCursor: string | null }> {
  const conditions: (SQL | undefined)[] = [visibleContacts(viewer), isNull(contacts.mergedIntoId)]
  if (query.q) {
    const text = segmentForQuery(query.q).trim()
    const byWords = text ? sql`${contacts.search} @@ plainto_tsquery('simple', ${text})` : undefined
    const digits = query.q.replace(/[^0-9]/g, '')
    const byPhone = digits.length >= 4 ? ilike(contacts.phone, `%${digits}%`) : undefined
    conditions.push(or(byWords, byPhone) ?? sql`false`)
  }
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, ['time', 'id'])
    conditions.push(sql`(${contacts.createdAt}, ${contacts.id}) < (${at}::timestamptz, ${id}::uuid)`)
  }
  const found = await db
    .select(contactColumns)
    .from(contacts)
    .where(and(...conditions))
    .orderBy(desc(contacts.createdAt), desc(contacts.id))
    .limit(query.limit + 1)
  const page = found.slice(0, query.limit)
  const last = page.at(-1)
  const nextCursor = found.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null
  return { items: page.map(toContact), nextCursor }
}
