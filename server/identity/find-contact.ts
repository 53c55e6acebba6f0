// A contact the viewer may see, by id (never one merged away), or not_found.
import { and, eq, isNull } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import { uuidPattern } from '../../shared/schema/common.ts'
import { visibleContacts } from '../access/contact-visibility.ts'
import type { Viewer } from '../access/ticket-visibility.ts'
import type { Db } from '../db/create-db.ts'
import { contacts } from '../db/schema/contacts.ts'
import { type ContactRow, contactColumns } from './contact-view.ts'

export async function findContact(db: Db, viewer: Viewer, contactId: string): Promise<ContactRow> {
  const [row] = uuidPattern.test(contactId)
    ? await db
        .select(contactColumns)
        .from(contacts)
        .where(and(eq(contacts.id, contactId), visibleContacts(viewer), isNull(contacts.mergedIntoId)))
    : []
  if (!row) throw new AppError('not_found', `No contact ${contactId}.`)
  return row
}
