// Saved replies: reusable answers an agent puts into a reply (the composer's `/` picker). Each belongs to
// the workspace, one team, or one agent (personal); its shortcut is unique per scope and language.
import { sql } from 'drizzle-orm'
import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { agents, teams } from './agents.ts'
import { createdAt, id, time, tsvector, workspaceId } from './columns.ts'

export const savedReplies = pgTable(
  'saved_replies',
  {
    id: id(),
    workspaceId: workspaceId(),
    title: text('title').notNull(),
    /** Lower case, without the leading `/`. */
    shortcut: text('shortcut'),
    body: text('body').notNull(),
    /** A BCP-47 tag (`ja`, `en-GB`); null for a reply in no particular language. */
    language: text('language'),
    scope: text('scope', { enum: ['workspace', 'team', 'personal'] }).notNull(),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    /** Who wrote it; a personal reply is seen by this agent only (and by nobody once they are gone). */
    ownerId: uuid('owner_id').references(() => agents.id, { onDelete: 'set null' }),
    /**
     * Whose shortcuts this reply's must differ from: `workspace`, `team:<id>` or `personal:<agent id>`.
     * Kept by the use cases beside scope, team and owner, so one unique index enforces it.
     */
    scopeKey: text('scope_key').notNull(),
    folder: text('folder'),
    usageCount: integer('usage_count').notNull().default(0),
    lastUsedAt: time('last_used_at'),
    /** Title, shortcut and body, segmented (server/search/segment.ts). */
    search: tsvector('search'),
    createdAt: createdAt(),
    updatedAt: time('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('saved_replies_shortcut_key')
      .on(t.workspaceId, t.scopeKey, t.shortcut, sql`coalesce(${t.language}, '')`)
      .where(sql`${t.shortcut} is not null`),
    index('saved_replies_workspace_idx').on(t.workspaceId, t.scope),
    index('saved_replies_search_idx').using('gin', t.search),
  ],
)
