// Contact rows as the API shows them (shared/schema/contact.ts).
import type { Contact } from '../../shared/schema/contact.ts'
import { contacts } from '../db/schema/contacts.ts'

export const contactColumns = {
  id: contacts.id,
  name: contacts.name,
  email: contacts.email,
  phone: contacts.phone,
  avatarUrl: contacts.avatarUrl,
  marketingOptOutAt: contacts.marketingOptOutAt,
  createdAt: contacts.createdAt,
}

export type ContactRow = Omit<Contact, 'createdAt' | 'marketingOptOutAt'> & { createdAt: Date; marketingOptOutAt: Date | null }

export function toContact(row: ContactRow): Contact {
  return { ...row, createdAt: row.createdAt.toISOString(), marketingOptOutAt: row.marketingOptOutAt?.toISOString() ?? null }
}
