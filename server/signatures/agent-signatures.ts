// An agent's signatures: read and written by that agent only, one per channel of their workspace.
import { and, eq } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import { uuidPattern } from '../../shared/schema/common.ts'
import type { Signature } from '../../shared/schema/signature.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { agentSignatures } from '../db/schema/agent-signatures.ts'
import { channels } from '../db/schema/channels.ts'

export async function listSignatures(db: Db, actor: Actor): Promise<Signature[]> {
  return db
    .select({ channelId: agentSignatures.channelId, body: agentSignatures.body })
    .from(agentSignatures)
    .where(eq(agentSignatures.agentId, actor.agentId))
}

/** Sets the actor's signature on the channel; an empty body removes it. 404 for a channel not of their workspace. */
export async function setSignature(db: Db, actor: Actor, channelId: string, body: string, now: Date): Promise<Signature> {
  const [channel] = uuidPattern.test(channelId)
    ? await db
        .select({ id: channels.id })
        .from(channels)
        .where(and(eq(channels.id, channelId), eq(channels.workspaceId, actor.workspaceId)))
    : []
  if (!channel) throw new AppError('not_found', `No channel ${channelId}.`)
  if (!body) {
    await db
      .delete(agentSignatures)
      .where(and(eq(agentSignatures.agentId, actor.agentId), eq(agentSignatures.channelId, channel.id)))
  } else {
    await db
      .insert(agentSignatures)
      .values({ agentId: actor.agentId, channelId: channel.id, body, updatedAt: now })
      .onConflictDoUpdate({ target: [agentSignatures.agentId, agentSignatures.channelId], set: { body, updatedAt: now } })
  }
  return { channelId: channel.id, body }
}
