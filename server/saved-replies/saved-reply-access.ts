// Who sees and who changes a saved reply. Workspace replies: everyone reads, admins and supervisors write.
// Team replies: the team's members read and write them, as do admins and supervisors (who oversee every
// team's tickets). Personal replies: their owner alone, admins included; to anyone else they do not exist.
import { and, eq, or, type SQL, sql } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { SavedReplyScope } from '../../shared/schema/saved-reply.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { teamMembers } from '../db/schema/agents.ts'
import { savedReplies } from '../db/schema/saved-replies.ts'

/** The condition on `saved_replies` for the replies the actor may see. */
export function visibleSavedReplies(actor: Actor): SQL {
  const inMyTeams = sql`${savedReplies.teamId} in (select ${teamMembers.teamId} from ${teamMembers} where ${teamMembers.agentId} = ${actor.agentId})`
  const teamReplies = actor.role === 'agent' ? and(eq(savedReplies.scope, 'team'), inMyTeams) : eq(savedReplies.scope, 'team')
  return and(
    eq(savedReplies.workspaceId, actor.workspaceId),
    or(
      eq(savedReplies.scope, 'workspace'),
      teamReplies,
      and(eq(savedReplies.scope, 'personal'), eq(savedReplies.ownerId, actor.agentId)),
    ),
  )!
}

export interface Placement {
  scope: SavedReplyScope
  teamId: string | null
  ownerId: string | null
}

/** Throws 403 unless the actor may keep a reply where `placement` puts it (creating, changing or deleting it). */
export async function requireWriteAccess(db: Db, actor: Actor, placement: Placement): Promise<void> {
  const overseer = actor.role === 'admin' || actor.role === 'supervisor'
  if (placement.scope === 'workspace' && !overseer) {
    throw new AppError('forbidden', 'Replies shared with the whole workspace are written by admins and supervisors.')
  }
  if (placement.scope === 'team' && !overseer) {
    const [member] = await db
      .select({ teamId: teamMembers.teamId })
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, placement.teamId ?? ''), eq(teamMembers.agentId, actor.agentId)))
    if (!member) throw new AppError('forbidden', "A team's replies are written by its members, admins and supervisors.")
  }
  if (placement.scope === 'personal' && placement.ownerId !== actor.agentId) {
    throw new AppError('forbidden', 'A personal reply belongs to its owner.')
  }
}

/** The key the shortcut must be unique within: the workspace, one team, or one agent. */
export function scopeKeyOf(placement: Placement): string {
  if (placement.scope === 'team') return `team:${placement.teamId}`
  if (placement.scope === 'personal') return `personal:${placement.ownerId}`
  return 'workspace'
}
