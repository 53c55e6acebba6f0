// Threading for a batch, against the database: one lookup of the conversations' candidate tickets,
// the pure plan (plan-threads.ts), one ticket-number allocation per workspace, one insert of new tickets.
import { sql } from 'drizzle-orm'
import type { AuditEntry } from '../audit/audit-entry.ts'
import type { Db } from '../db/create-db.ts'
import { insertJsonRecords, jsonRecords } from '../db/json-records.ts'
import { newId } from '../db/new-id.ts'
import { rows } from '../db/rows.ts'
import { tickets } from '../db/schema/tickets.ts'
import { workspaces } from '../db/schema/workspaces.ts'
import { segmentForIndex } from '../search/segment.ts'
import { type CandidateRow, candidateColumns, toCandidate } from './candidate-row.ts'
import { type CandidateTicket, planThreads, type ThreadRequest } from './plan-threads.ts'

export interface ThreadedMessage {
  ticketId: string
  number: number
  /** The ticket's status before this batch; null when the batch opened it. */
  statusBefore: CandidateTicket['status'] | null
}

export async function threadMessages(
  db: Db,
  requests: readonly ThreadRequest[],
  reopenWindowDays: number,
  now: Date,
): Promise<{ threads: ThreadedMessage[]; audit: AuditEntry[] }> {
  const conversations = [
    ...new Map(
      requests.map((r) => [`${r.contactId}|${r.channelId}|${r.threadKey}`, { c: r.contactId, ch: r.channelId, th: r.threadKey }]),
    ).values(),
  ]
  const reopenAfter = new Date(now.getTime() - reopenWindowDays * 86_400_000)
  const candidates = await rows<CandidateRow>(
    db,
    sql`select ${candidateColumns}
        from ${jsonRecords(conversations, 'c uuid, ch uuid, th text')}
        join ${tickets} t on t.contact_id = v.c and t.channel_id = v.ch and t.thread_key is not distinct from v.th
        where (t.status in ('open', 'pending')
          or (t.status = 'resolved' and t.resolved_at > ${reopenAfter.toISOString()}::timestamptz))
        order by t.status = 'resolved', t.last_message_at desc`,
  )
  const plan = planThreads(requests, candidates.map(toCandidate))

  const numbers = await allocateNumbers(
    db,
    plan.newTickets.map((t) => t.workspaceId),
  )
  const newIds = plan.newTickets.map(() => newId())
  const audit: AuditEntry[] = []
  if (plan.newTickets.length) {
    await db.execute(
      insertJsonRecords(
        'tickets',
        plan.newTickets.map((t, i) => ({
          id: newIds[i],
          workspaceId: t.workspaceId,
          number: numbers[i],
          subject: t.subject,
          status: 'open',
          priority: 'normal',
          channelId: t.channelId,
          channelKind: t.channelKind,
          contactId: t.contactId,
          threadKey: t.threadKey,
          createdAt: now,
          updatedAt: now,
          lastMessageAt: now,
          searchText: ticketSearchText(t.subject, t.contactName),
        })),
        {
          id: 'uuid',
          workspaceId: 'uuid',
          number: 'integer',
          subject: 'text',
          status: 'text',
          priority: 'text',
          channelId: 'uuid',
          channelKind: 'text',
          contactId: 'uuid',
          threadKey: 'text',
          createdAt: 'timestamptz',
          updatedAt: 'timestamptz',
          lastMessageAt: 'timestamptz',
        },
        { columns: { search: `to_tsvector('simple', v."searchText")` }, inputs: { searchText: 'text' } },
      ),
    )
    plan.newTickets.forEach((t, i) => {
      audit.push({
        workspaceId: t.workspaceId,
        actorType: 'contact',
        actorId: t.contactId,
        action: 'ticket.created',
        entityType: 'ticket',
        entityId: newIds[i]!,
        data: { number: numbers[i], channelId: t.channelId },
      })
    })
  }
  const reopened = new Set(plan.targets.flatMap((t, i) => ('existing' in t && requests[i]!.inbound ? [t.existing] : [])))
  for (const candidate of reopened) {
    if (candidate.status === 'open') continue
    audit.push({
      workspaceId: requests.find((r) => r.contactId === candidate.contactId)!.workspaceId,
      actorType: 'contact',
      actorId: candidate.contactId,
      action: candidate.status === 'resolved' ? 'ticket.reopened' : 'ticket.status_changed',
      entityType: 'ticket',
      entityId: candidate.id,
      data: { from: candidate.status, to: 'open', reason: 'customer_message' },
    })
  }
  const threads = plan.targets.map((target) =>
    'existing' in target
      ? { ticketId: target.existing.id, number: target.existing.number, statusBefore: target.existing.status }
      : { ticketId: newIds[target.newIndex]!, number: numbers[target.newIndex]!, statusBefore: null },
  )
  return { threads, audit }
}

/** Takes the next human-friendly numbers, one statement per workspace in the batch. */
async function allocateNumbers(db: Db, workspaceIds: readonly string[]): Promise<number[]> {
  const counts = new Map<string, number>()
  for (const id of workspaceIds) counts.set(id, (counts.get(id) ?? 0) + 1)
  const next = new Map<string, number>()
  for (const [workspaceId, count] of counts) {
    const [row] = await rows<{ last: number }>(
      db,
      sql`update ${workspaces} set ticket_seq = ticket_seq + ${count} where id = ${workspaceId} returning ticket_seq as last`,
    )
    if (!row) throw new Error(`Workspace ${workspaceId} does not exist`)
    next.set(workspaceId, row.last - count + 1)
  }
  return workspaceIds.map((id) => {
    const number = next.get(id)!
    next.set(id, number + 1)
    return number
  })
}

/** What a ticket is found by besides its messages: its subject and its contact's name. */
export function ticketSearchText(subject: string | null, contactName: string | null): string {
  return segmentForIndex([subject, contactName].filter(Boolean).join(' '))
}
