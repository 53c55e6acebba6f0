// Macros: workspace-wide, made by admins and supervisors, run by every agent (shared/schema/macro.ts).
import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import type { MacroAction } from '../../../shared/schema/macro.ts'
import { createdAt, id, time, workspaceId } from './columns.ts'
import { savedReplies } from './saved-replies.ts'

export const macros = pgTable(
  'macros',
  {
    id: id(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    /** The reply the macro puts into the draft; gone with the reply. */
    savedReplyId: uuid('saved_reply_id').references(() => savedReplies.id, { onDelete: 'set null' }),
    actions: jsonb('actions').$type<MacroAction[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: time('updated_at').notNull().defaultNow(),
  },
  (t) => [index('macros_workspace_idx').on(t.workspaceId, t.name)],
)
