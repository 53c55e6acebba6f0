// The derived column values the app writes, for the rows the bench seeds by SQL: search text segmented
// by server/search/segment.ts (as to_tsvector('simple', ...) input) and the inbox preview. They mirror the
// ingest pipeline's own (subject + contact name for a ticket, name + email for a contact, the first 140
// characters of the last message); kept here so the seed does not depend on how ingest is organised.
import { segmentForIndex } from '../../server/search/segment.ts'

export function ticketSearchText(subject: string | null, contactName: string | null): string {
  return segmentForIndex([subject, contactName].filter(Boolean).join(' '))
}

export function contactSearchText(name: string | null, email: string | null): string {
  return segmentForIndex([name, email].filter(Boolean).join(' '))
}

export function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat
}
