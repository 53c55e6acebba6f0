// What rules, the priority score and SLAs read of a set of tickets, in one query: the ticket, its
// channel's calendar, the contact, and the text of the customer's last message.
import { sql } from 'drizzle-orm'
import type { Db } from '../db/create-db.ts'
import { jsonRecords } from '../db/json-records.ts'
import { rows } from '../db/rows.ts'

/** When a ticket's SLA targets fall due (sla-due.ts works them out). */
export interface SlaDue {
  policyId: string | null
  firstReplyDueAt: Date | null
  nextReplyDueAt: Date | null
  resolutionDueAt: Date | null
}

export interface TicketState {
  id: string
  number: number
  workspaceId: string
  channelId: string
  channelKind: string
  status: 'open' | 'pending' | 'resolved' | 'closed'
  priority: 'low' | 'normal' | 'high' | 'urgent'
  assigneeId: string | null
  teamId: string | null
  tags: string[]
  createdAt: Date
  updatedAt: Date
  lastCustomerMessageAt: Date | null
  firstResponseAt: Date | null
  lastAgentReplyAt: Date | null
  calendarId: string | null
  lastCustomerText: string
  contact: { name: string | null; email: string | null; phone: string | null }
  /** What is stored now: a run that would write the same leaves the row alone. */
  stored: { priorityScore: number; sla: SlaDue }
}

interface Row {
  id: string
  number: number
  workspace_id: string
  channel_id: string
  channel_kind: string
  status: TicketState['status']
  priority: TicketState['priority']
  assignee_id: string | null
  team_id: string | null
  tags: string[]
  created_at: string | Date
  updated_at: string | Date
  last_customer_message_at: string | Date | null
  first_response_at: string | Date | null
  last_agent_reply_at: string | Date | null
  calendar_id: string | null
  last_text: string | null
  contact_name: string | null
  contact_email: string | null
  contact_phone: string | null
  priority_score: number
  sla_policy_id: string | null
  first_reply_due_at: string | Date | null
  next_reply_due_at: string | Date | null
  resolution_due_at: string | Date | null
}

const date = (value: string | Date) => new Date(value)

export async function loadTicketStates(db: Db, ticketIds: readonly string[]): Promise<TicketState[]> {
  if (!ticketIds.length) return []
  const found = await rows<Row>(
    db,
    sql`select t.id, t.number, t.workspace_id, t.channel_id, t.channel_kind, t.status, t.priority, t.assignee_id, t.team_id,
               t.tags, t.created_at, t.updated_at, t.last_customer_message_at, t.first_response_at,
               t.last_agent_reply_at, c.config->>'calendarId' as calendar_id, m.body as last_text,
               p.name as contact_name, p.email as contact_email, p.phone as contact_phone,
               t.priority_score, t.sla_policy_id, t.first_reply_due_at, t.next_reply_due_at, t.resolution_due_at
        from ${jsonRecords(
          [...new Set(ticketIds)].map((id) => ({ id })),
          'id uuid',
        )}
        join tickets t on t.id = v.id
        join channels c on c.id = t.channel_id
        join contacts p on p.id = t.contact_id
        left join lateral (
          select body from messages where ticket_id = t.id and direction = 'inbound'
          order by created_at desc limit 1
        ) m on true`,
  )
  return found.map((r) => ({
    id: r.id,
    number: r.number,
    workspaceId: r.workspace_id,
    channelId: r.channel_id,
    channelKind: r.channel_kind,
    status: r.status,
    priority: r.priority,
    assigneeId: r.assignee_id,
    teamId: r.team_id,
    tags: r.tags,
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    lastCustomerMessageAt: r.last_customer_message_at ? date(r.last_customer_message_at) : null,
    firstResponseAt: r.first_response_at ? date(r.first_response_at) : null,
    lastAgentReplyAt: r.last_agent_reply_at ? date(r.last_agent_reply_at) : null,
    calendarId: r.calendar_id,
    lastCustomerText: r.last_text ?? '',
    contact: { name: r.contact_name, email: r.contact_email, phone: r.contact_phone },
    stored: {
      priorityScore: Number(r.priority_score),
      sla: {
        policyId: r.sla_policy_id,
        firstReplyDueAt: r.first_reply_due_at ? date(r.first_reply_due_at) : null,
        nextReplyDueAt: r.next_reply_due_at ? date(r.next_reply_due_at) : null,
        resolutionDueAt: r.resolution_due_at ? date(r.resolution_due_at) : null,
      },
    },
  }))
}
