// A ticket a message may join, as raw SQL selects it (alias `t`), and as the threading planner takes it.
import { sql } from 'drizzle-orm'
import type { CandidateTicket } from './plan-threads.ts'

export const candidateColumns = sql.raw('t.id, t.number, t.status, t.contact_id, t.channel_id, t.thread_key')

export interface CandidateRow {
  id: string
  number: number
  status: CandidateTicket['status']
  contact_id: string
  channel_id: string
  thread_key: string | null
}

export function toCandidate(row: CandidateRow): CandidateTicket {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    contactId: row.contact_id,
    channelId: row.channel_id,
    threadKey: row.thread_key,
  }
}
