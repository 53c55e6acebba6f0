// Agents, their sign-in sessions and API tokens, and teams.
import { sql } from 'drizzle-orm'
import { index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, time, workspaceId } from './columns.ts'

export const agents = pgTable(
  'agents',
  {
    id: id(),
    workspaceId: workspaceId(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'supervisor', 'agent'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    /** When the agent last used the app or the API: who is around to answer. */
    lastSeenAt: time('last_seen_at'),
    /** Set by the agent (PUT /api/me/availability) or their shift: who may be given tickets now. */
    availability: text('availability', { enum: ['online', 'away', 'offline'] })
      .notNull()
      .default('offline'),
    /** Languages and product areas, matched by rules' `skill` (lower case). */
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    /** How many open tickets the agent takes at once; routing skips an agent at capacity. */
    capacity: integer('capacity').notNull().default(20),
    /** The agent's shift (a calendar): the scheduler sets them online when it starts, offline when it ends. */
    shiftCalendarId: uuid('shift_calendar_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('agents_email_key').on(sql`lower(${t.email})`)],
)

/** A signed-in browser. Only the SHA-256 of the cookie's secret is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    workspaceId: workspaceId(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    secretHash: text('secret_hash').notNull(),
    expiresAt: time('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('sessions_secret_hash_key').on(t.secretHash), index('sessions_agent_idx').on(t.agentId)],
)

/** A bearer token acting as the agent who made it. Only its SHA-256 is stored. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    workspaceId: workspaceId(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    lastUsedAt: time('last_used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('api_tokens_hash_key').on(t.tokenHash)],
)

export const teams = pgTable('teams', {
  id: id(),
  workspaceId: workspaceId(),
  name: text('name').notNull(),
  createdAt: createdAt(),
})

export const teamMembers = pgTable(
  'team_members',
  {
    workspaceId: workspaceId(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.agentId] }), index('team_members_agent_idx').on(t.agentId)],
)
