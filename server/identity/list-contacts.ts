// The contacts the viewer may see: newest first, searchable by name or email (any language) and phone,
// paged by cursor.
import { and, desc, ilike, isNull, or, type SQL, sql } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { Contact } from '../../shared/schema/contact.ts'
import { visibleContacts } from '../access/contact-visibility.ts'
import type { Viewer } from '../access/ticket-visibility.ts'
import type { Db } from '../db/create-db.ts'
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
    const [at, id] = decodeCursor(query.cursor)
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
  const nextCursor =
    found.length > query.limit && last
      ? Buffer.from(JSON.stringify([last.createdAt.toISOString(), last.id])).toString('base64url')
      : null
  return { items: page.map(toContact), nextCursor }
}

function decodeCursor(text: string): [string, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as string[]
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) {
      throw new Error()
    }
    return [at, id]
  } catch {
    throw new AppError('invalid_input', 'The cursor is not one this server gave out.', [
      { path: 'cursor', message: 'Invalid cursor' },
    ])
  }
}
