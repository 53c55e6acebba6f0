// Email threading: a mail joins the ticket whose messages it answers (In-Reply-To,
// then References, against the Message-IDs we sent or received), else the ticket named in its subject
// or reply address, if that ticket belongs to the same contact (a number alone proves nothing).
// Closed tickets are never joined. What matches nothing opens a new ticket.
import { sql } from 'drizzle-orm'
import type { Db } from '../db/create-db.ts'
import { jsonRecords } from '../db/json-records.ts'
import { rows } from '../db/rows.ts'
import { messages } from '../db/schema/messages.ts'
import { tickets } from '../db/schema/tickets.ts'
import { type CandidateRow, candidateColumns, toCandidate } from './candidate-row.ts'
import type { CandidateTicket } from './plan-threads.ts'

export interface EmailThreadRequest {
  workspaceId: string
  contactId: string
  references: readonly string[]
  ticketNumber: number | null
}

type Found = CandidateRow & { i: number }

/** Per request, the ticket it continues, or null. */
export async function resolveEmailThreads(
  db: Db,
  requests: readonly (EmailThreadRequest | null)[],
): Promise<(CandidateTicket | null)[]> {
  const refs = requests.flatMap((r, i) => (r ? r.references.map((ref, rank) => ({ i, w: r.workspaceId, ref, rank })) : []))
  const numbers = requests.flatMap((r, i) =>
    r?.ticketNumber ? [{ i, w: r.workspaceId, n: r.ticketNumber, c: r.contactId }] : [],
  )
  const byReference = refs.length
    ? await rows<Found>(
        db,
        sql`select distinct on (v.i) v.i, ${candidateColumns}
            from ${jsonRecords(refs, 'i int, w uuid, ref text, rank int')}
            join ${messages} m on m.workspace_id = v.w and m.external_id = v.ref
            join ${tickets} t on t.id = m.ticket_id
            where t.status <> 'closed'
            order by v.i, v.rank`,
      )
    : []
  const byNumber = numbers.length
    ? await rows<Found>(
        db,
        sql`select v.i, ${candidateColumns}
            from ${jsonRecords(numbers, 'i int, w uuid, n int, c uuid')}
            join ${tickets} t on t.workspace_id = v.w and t.number = v.n and t.contact_id = v.c
            where t.status <> 'closed'`,
      )
    : []
  return requests.map((_, i) => {
    const found = byReference.find((f) => f.i === i) ?? byNumber.find((f) => f.i === i)
    return found ? toCandidate(found) : null
  })
}
