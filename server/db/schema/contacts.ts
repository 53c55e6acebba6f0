// Customers, and the identities (email, phone, social ids) that join their channels into one profile.
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, time, tsvector, workspaceId } from './columns.ts'

export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    workspaceId: workspaceId(),
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    avatarUrl: text('avatar_url'),
    /** The customer asked the business to stop marketing messages (WhatsApp user_preferences). */
    marketingOptOutAt: time('marketing_opt_out_at'),
    /** Set when this contact was merged into another; it then has no identities or tickets left. */
    mergedIntoId: uuid('merged_into_id'),
    search: tsvector('search'),
    createdAt: createdAt(),
    updatedAt: time('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('contacts_search_idx').using('gin', t.search),
    index('contacts_workspace_created_idx').on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
  ],
)

export const contactIdentities = pgTable(
  'contact_identities',
  {
    id: id(),
    workspaceId: workspaceId(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    kind: text('kind', { enum: ['email', 'phone', 'messenger', 'instagram', 'whatsapp', 'chat'] }).notNull(),
    value: text('value').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('contact_identities_key').on(t.workspaceId, t.kind, t.value),
    index('contact_identities_contact_idx').on(t.contactId),
  ],
)
