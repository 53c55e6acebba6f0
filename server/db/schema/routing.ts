// Routing, SLAs and automation: business-hours calendars, SLA
// policies and the warnings and breaches they record, automation rules and what they did, and agents'
// notifications.
import { sql } from 'drizzle-orm'
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import type { WeeklyHours } from '../../../shared/schema/calendar.ts'
import type { RuleAction, RuleConditions } from '../../../shared/schema/rule.ts'
import type { SlaTargets } from '../../../shared/schema/sla-policy.ts'
import { agents } from './agents.ts'
import { createdAt, id, time, workspaceId } from './columns.ts'
import { tickets } from './tickets.ts'

export const calendars = pgTable('calendars', {
  id: id(),
  workspaceId: workspaceId(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull(),
  weekly: jsonb('weekly').$type<WeeklyHours[]>().notNull(),
  holidays: text('holidays').array().notNull().default(sql`'{}'::text[]`),
  createdAt: createdAt(),
})

export const slaPolicies = pgTable('sla_policies', {
  id: id(),
  workspaceId: workspaceId(),
  name: text('name').notNull(),
  /** Empty: every channel kind. */
  channelKinds: text('channel_kinds').array().notNull().default(sql`'{}'::text[]`),
  /** Empty: every priority. */
  priorities: text('priorities').array().notNull().default(sql`'{}'::text[]`),
  calendarId: uuid('calendar_id').references(() => calendars.id),
  targets: jsonb('targets').$type<SlaTargets>().notNull(),
  /** Creation order decides which policy applies; the sequence keeps it total within one instant. */
  position: integer('position').generatedAlwaysAsIdentity(),
  createdAt: createdAt(),
})

/** Every warning and breach, once per ticket, metric and due time (a new due time may breach again). */
export const slaEvents = pgTable(
  'sla_events',
  {
    id: id(),
    workspaceId: workspaceId(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    metric: text('metric', { enum: ['firstReply', 'nextReply', 'resolution', 'replyWindow'] }).notNull(),
    kind: text('kind', { enum: ['warning', 'breach'] }).notNull(),
    dueAt: time('due_at').notNull(),
    at: time('at').notNull(),
  },
  (t) => [uniqueIndex('sla_events_once_key').on(t.ticketId, t.metric, t.kind, t.dueAt)],
)

export const rules = pgTable('rules', {
  id: id(),
  workspaceId: workspaceId(),
  name: text('name').notNull(),
  event: text('event', { enum: ['ticket_created', 'message_received', 'ticket_updated', 'time_elapsed'] }).notNull(),
  conditions: jsonb('conditions').$type<RuleConditions>().notNull(),
  actions: jsonb('actions').$type<RuleAction[]>().notNull(),
  stop: boolean('stop').notNull().default(false),
  enabled: boolean('enabled').notNull().default(true),
  position: integer('position').generatedAlwaysAsIdentity(),
  createdAt: createdAt(),
})

/** A time-based rule fires once per ticket and moment it measures from (the message or update it counts from). */
export const ruleFirings = pgTable(
  'rule_firings',
  {
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => rules.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    since: time('since').notNull(),
    at: time('at').notNull(),
  },
  (t) => [uniqueIndex('rule_firings_once_key').on(t.ruleId, t.ticketId, t.since)],
)

export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    workspaceId: workspaceId(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    ticketId: uuid('ticket_id'),
    body: text('body').notNull(),
    readAt: time('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_agent_idx').on(t.agentId, t.createdAt.desc())],
)
