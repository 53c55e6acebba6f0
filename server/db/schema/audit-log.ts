// The append-only audit log: who changed what, when. A trigger (migrations/) refuses UPDATE and DELETE.
import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, workspaceId } from './columns.ts'

export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    workspaceId: workspaceId(),
    actorType: text('actor_type', { enum: ['agent', 'contact', 'system'] }).notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_entity_idx').on(t.entityId, t.createdAt)],
)
