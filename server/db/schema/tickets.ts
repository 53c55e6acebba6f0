// Tickets (one trackable conversation each) and the workspace's tag catalogue.
import { sql } from 'drizzle-orm'
import { boolean, index, integer, pgTable, primaryKey, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { channelKinds } from '../../../shared/schema/common.ts'
import { channels } from './channels.ts'
import { createdAt, id, time, tsvector, workspaceId, xid8 } from './columns.ts'
import { contacts } from './contacts.ts'

export const tickets = pgTable(
  'tickets',
  {
    id: id(),
    workspaceId: workspaceId(),
    number: integer('number').notNull(),
    subject: text('subject'),
    status: text('status', { enum: ['open', 'pending', 'resolved', 'closed'] }).notNull(),
    priority: text('priority', { enum: ['low', 'normal', 'high', 'urgent'] }).notNull(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id),
    channelKind: text('channel_kind', {
      enum: channelKinds,
    }).notNull(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    /** Which conversation of the contact on the channel: null for the direct thread, else e.g. comment:<postId>. */
    threadKey: text('thread_key'),
    assigneeId: uuid('assignee_id'),
    teamId: uuid('team_id'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: time('updated_at').notNull().defaultNow(),
    /**
     * When anything shown with the ticket last changed, its messages' delivery statuses included: what the
     * browser's sync stream follows. Kept by triggers (migration 0011), so no writer can forget it; unlike
     * updated_at it is no "movement" for stalled views and rules.
     */
    changedAt: time('changed_at').notNull().defaultNow(),
    /**
     * The transaction that last changed what is shown with the ticket (the same triggers keep it): the
     * sync's commit-ordered position (server/sync/change-snapshot.ts). Rows older than the column hold 0.
     */
    changedXid: xid8('changed_xid').notNull().default(sql`pg_current_xact_id()`),
    lastMessageAt: time('last_message_at').notNull().defaultNow(),
    lastMessagePreview: text('last_message_preview'),
    /** When the customer last wrote, as the channel timestamps it (reply windows count from here). */
    lastCustomerMessageAt: time('last_customer_message_at'),
    firstResponseAt: time('first_response_at'),
    /** When an agent last replied: the customer's later message waits on us (next-reply SLA, views). */
    lastAgentReplyAt: time('last_agent_reply_at'),
    /**
     * When the newest agent reply that failed to reach the customer was written, unless a later reply went
     * through: the ticket still waits on us. Kept by a trigger on messages (migration reply_failed_at).
     */
    replyFailedAt: time('reply_failed_at'),
    resolvedAt: time('resolved_at'),
    /** Snoozed: out of the open views until this time (the scheduler wakes it), or until the customer writes. */
    snoozedUntil: time('snoozed_until'),
    snoozedUntilCustomerReplies: boolean('snoozed_until_customer_replies').notNull().default(false),
    /** Higher is more urgent (server/priority/priority-score.ts); the inbox sorts by it on request. */
    priorityScore: real('priority_score').notNull().default(0),
    /** The SLA policy that applies (server/sla/), and when each of its targets falls due. */
    slaPolicyId: uuid('sla_policy_id'),
    firstReplyDueAt: time('first_reply_due_at'),
    nextReplyDueAt: time('next_reply_due_at'),
    resolutionDueAt: time('resolution_due_at'),
    /** Subject and contact name, segmented (server/search/segment.ts). */
    search: tsvector('search'),
  },
  (t) => [
    uniqueIndex('tickets_number_key').on(t.workspaceId, t.number),
    index('tickets_inbox_idx').on(t.workspaceId, t.lastMessageAt.desc(), t.id.desc()),
    index('tickets_status_inbox_idx').on(t.workspaceId, t.status, t.lastMessageAt.desc(), t.id.desc()),
    index('tickets_assignee_idx').on(t.workspaceId, t.assigneeId, t.lastMessageAt.desc()),
    index('tickets_contact_idx').on(t.contactId, t.channelId, t.status),
    /** A sync cursor of the old form (a time) is read once by this index. */
    index('tickets_changed_idx').on(t.changedAt, t.id),
    /** The sync (server/sync/) reads changes in this order, and the live push by transaction. */
    index('tickets_changed_xid_idx').on(t.changedXid, t.id),
    index('tickets_tags_idx').using('gin', t.tags),
    index('tickets_search_idx').using('gin', t.search),
    index('tickets_priority_idx').on(t.workspaceId, t.priorityScore.desc(), t.id.desc()),
    // The SLA scheduler reads only tickets near a due time, whatever the number of open tickets.
    // Tickets no SLA policy applies to have no entry in the due-time indexes.
    index('tickets_first_reply_due_idx')
      .on(t.firstReplyDueAt)
      .where(sql`${t.firstReplyDueAt} is not null and ${t.firstResponseAt} is null and ${t.status} in ('open', 'pending')`),
    index('tickets_next_reply_due_idx')
      .on(t.nextReplyDueAt)
      .where(sql`${t.nextReplyDueAt} is not null and ${t.status} in ('open', 'pending')`),
    index('tickets_resolution_due_idx')
      .on(t.resolutionDueAt)
      .where(sql`${t.resolutionDueAt} is not null and ${t.status} in ('open', 'pending')`),
    index('tickets_customer_waiting_idx').on(t.lastCustomerMessageAt).where(sql`${t.status} in ('open', 'pending')`),
    // The scheduler wakes snoozed tickets as they fall due: it reads only those.
    index('tickets_snoozed_until_idx').on(t.snoozedUntil).where(sql`${t.snoozedUntil} is not null`),
    index('tickets_updated_idx').on(t.updatedAt).where(sql`${t.status} in ('open', 'pending')`),
  ],
)

/**
 * The workspace's tag list: each tag's colour and description. Tickets carry tag names (tickets.tags); a
 * name is unique here whatever its case, and tickets are written with the spelling kept here
 * (server/tags/tag-catalogue.ts). A tag put on by a rule or a channel may have no row yet: the list shows it.
 */
export const tags = pgTable(
  'tags',
  {
    /** Names the tag in the audit log (its name changes). */
    id: uuid('id').notNull().defaultRandom(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    /** A palette name (shared/schema/tag.ts) or #rrggbb. */
    color: text('color').notNull().default('gray'),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.name] }),
    uniqueIndex('tags_id_key').on(t.id),
    uniqueIndex('tags_name_key').on(t.workspaceId, sql`lower(${t.name})`),
  ],
)
