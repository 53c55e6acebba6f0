// Contacts follow ticket visibility. An agent sees a contact (list, profile, search, sync) when they may
// see at least one of its tickets; admins and supervisors see every contact of the workspace. Changing a
// contact (merge, unmerge, an identity) redirects where its tickets' replies may go, so it needs more: the
// caller must see every ticket of every contact the change touches. A contact that fails either test is
// answered as not found, as a hidden ticket is, so its existence is not revealed.
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db/create-db.ts'
import { contacts } from '../db/schema/contacts.ts'
import { tickets } from '../db/schema/tickets.ts'
import { type Viewer, visibleTickets } from './ticket-visibility.ts'

export function visibleContacts(viewer: Viewer): SQL {
  const workspace = eq(contacts.workspaceId, viewer.workspaceId)
  if (viewer.role !== 'agent') return workspace
  return and(
    workspace,
    sql`exists (select 1 from ${tickets} where ${tickets.contactId} = ${contacts.id} and ${visibleTickets(viewer)})`,
  )!
}

/** Whether the viewer may see every ticket of each contact (ask it in the change's transaction). */
export async function mayChangeContacts(db: Db, viewer: Viewer, contactIds: readonly string[]): Promise<boolean> {
  if (viewer.role !== 'agent' || !contactIds.length) return true
  const [hidden] = await db
    .select({ id: tickets.id })
    .from(tickets)
    // `is not true`: the predicate is null, not false, for a ticket with no assignee in another team.
    .where(and(inArray(tickets.contactId, [...contactIds]), sql`(${visibleTickets(viewer)}) is not true`))
    .limit(1)
  return !hidden
}
