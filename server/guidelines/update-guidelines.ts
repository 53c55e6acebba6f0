// PUT /api/guidelines (admins): the workspace's reply guidelines, and any channel's own ('' clears them);
// a channel not named keeps its guidelines. One transaction, each change audited.
import { and, eq, inArray, sql } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { Guidelines, UpdateGuidelines } from '../../shared/schema/guidelines.ts'
import { type AuditEntry, recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { channels } from '../db/schema/channels.ts'
import { workspaces } from '../db/schema/workspaces.ts'
import { readGuidelines } from './read-guidelines.ts'

export async function updateGuidelines(db: Db, actor: Actor, input: UpdateGuidelines, now: Date): Promise<Guidelines> {
  return db.transaction(async (tx) => {
    const audit: AuditEntry[] = []
    const entry = (entityType: 'workspace' | 'channel', entityId: string, from: string, to: string): AuditEntry => ({
      workspaceId: actor.workspaceId,
      actorType: 'agent',
      actorId: actor.agentId,
      action: `${entityType}.guidelines_changed`,
      entityType,
      entityId,
      data: { from, to },
    })
    if (input.workspace !== undefined) {
      const [before] = await tx
        .select({ settings: workspaces.settings })
        .from(workspaces)
        .where(eq(workspaces.id, actor.workspaceId))
        .for('update')
      const from = before?.settings.guidelines ?? ''
      if (from !== input.workspace) {
        await tx
          .update(workspaces)
          .set({ settings: sql`${workspaces.settings} || ${JSON.stringify({ guidelines: input.workspace })}::jsonb` })
          .where(eq(workspaces.id, actor.workspaceId))
        audit.push(entry('workspace', actor.workspaceId, from, input.workspace))
      }
    }
    const named = Object.entries(input.channels ?? {})
    if (named.length) {
      const found = await tx
        .select({ id: channels.id, config: channels.config })
        .from(channels)
        .where(
          and(
            eq(channels.workspaceId, actor.workspaceId),
            inArray(
              channels.id,
              named.map(([id]) => id),
            ),
          ),
        )
        .for('update')
      const unknown = named.filter(([id]) => !found.some((c) => c.id === id))
      if (unknown.length) {
        throw new AppError(
          'invalid_input',
          `No channel ${unknown[0]![0]}.`,
          unknown.map(([id]) => ({ path: `channels.${id}`, message: 'No such channel' })),
        )
      }
      for (const channel of found) {
        const to = input.channels![channel.id]!
        const from = typeof channel.config.guidelines === 'string' ? channel.config.guidelines : ''
        if (from === to) continue
        const { guidelines: _old, ...rest } = channel.config
        await tx
          .update(channels)
          .set({ config: to ? { ...rest, guidelines: to } : rest })
          .where(eq(channels.id, channel.id))
        audit.push(entry('channel', channel.id, from, to))
      }
    }
    await recordAudit(tx, audit, now)
    return readGuidelines(tx, actor.workspaceId)
  })
}
