// A contact of the workspace by id (never one merged away), or not_found.
import { and, eq, isNull } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import { uuidPattern } from '../../shared/schema/common.ts'
import type { Db } from '../db/create-db.ts'
import { contacts } from '../db/schema/contacts.ts'
import { type ContactRow, contactColumns } from './contact-view.ts'

export async function findContact(db: Db, workspaceId: string, contactId: string): Promise<ContactRow> {
  const [row] = uuidPattern.test(contactId)
    ? await db
        .select(contactColumns)
        .from(contacts)
        .where(and(eq(contacts.id, contactId), eq(contacts.workspaceId, workspaceId), isNull(contacts.mergedIntoId)))
    : []
  if (!row) throw new AppError('not_found', `No contact ${contactId}.`)
  return row
}
