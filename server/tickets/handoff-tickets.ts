// An agent going off shift hands every open and pending ticket of theirs to a teammate, or back to a
// team's queue, in one action: the same note goes on each ticket, each move is an event in the thread
// and an audit entry, and the receiving agent (or every member of the team) is told what they got.
import { and, eq, inArray } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { Handoff } from '../../shared/schema/agent.ts'
import { type AuditEntry, recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { agents, teams } from '../db/schema/agents.ts'
import { messages } from '../db/schema/messages.ts'
import { tickets } from '../db/schema/tickets.ts'
import { notify } from '../notifications/notify.ts'

export interface HandedOff {
  ticketId: string
  assigneeId: string | null
  teamId: string | null
}

export async function handoffTickets(db: Db, actor: Actor, handoff: Handoff, now: Date): Promise<HandedOff[]> {
  return db.transaction(async (tx) => {
    const target = await findTarget(tx, actor, handoff)
    const moving = await tx
      .select({ id: tickets.id, number: tickets.number, teamId: tickets.teamId })
      .from(tickets)
      .where(
        and(
          eq(tickets.workspaceId, actor.workspaceId),
          eq(tickets.assigneeId, actor.agentId),
          inArray(tickets.status, ['open', 'pending']),
        ),
      )
      .for('update')
    const ids = moving.map((t) => t.id)
    if (ids.length) {
      await tx
        .update(tickets)
        .set(
          handoff.toAgentId
            ? { assigneeId: handoff.toAgentId, updatedAt: now }
            : { assigneeId: null, teamId: handoff.toTeamId!, updatedAt: now },
        )
        .where(inArray(tickets.id, ids))
      const sentence = `${actor.name} handed the ticket to ${target.name} at the end of their shift.`
      await tx.insert(messages).values(
        moving.flatMap((t) => [
          {
            id: newId(),
            workspaceId: actor.workspaceId,
            ticketId: t.id,
            kind: 'event' as const,
            authorType: 'agent' as const,
            authorId: actor.agentId,
            body: sentence,
            status: 'sent' as const,
            createdAt: now,
          },
          {
            id: newId(),
            workspaceId: actor.workspaceId,
            ticketId: t.id,
            kind: 'note' as const,
            authorType: 'agent' as const,
            authorId: actor.agentId,
            body: handoff.note,
            status: 'sent' as const,
            createdAt: now,
          },
        ]),
      )
      const audit: AuditEntry[] = moving.map((t) => ({
        workspaceId: actor.workspaceId,
        actorType: 'agent',
        actorId: actor.agentId,
        action: 'ticket.handed_off',
        entityType: 'ticket',
        entityId: t.id,
        data: {
          from: actor.agentId,
          toAgentId: handoff.toAgentId ?? null,
          toTeamId: handoff.toTeamId ?? null,
          note: handoff.note,
        },
      }))
      await recordAudit(tx, audit, now)
      const numbers = moving.map((t) => `#${t.number}`).join(', ')
      await notify(tx, [
        {
          workspaceId: actor.workspaceId,
          agentId: handoff.toAgentId ?? null,
          teamId: handoff.toTeamId ?? null,
          kind: 'handoff',
          ticketId: moving.length === 1 ? moving[0]!.id : null,
          body: `${actor.name} handed you ${moving.length} ticket${moving.length === 1 ? '' : 's'} (${numbers}): ${handoff.note}`,
          at: now,
        },
      ])
    }
    if (handoff.goOffline) await tx.update(agents).set({ availability: 'offline' }).where(eq(agents.id, actor.agentId))
    return moving.map((t) => ({
      ticketId: t.id,
      assigneeId: handoff.toAgentId ?? null,
      teamId: handoff.toAgentId ? t.teamId : handoff.toTeamId!,
    }))
  })
}

async function findTarget(db: Db, actor: Actor, handoff: Handoff): Promise<{ name: string }> {
  if (handoff.toAgentId) {
    if (handoff.toAgentId === actor.agentId)
      throw new AppError('invalid_input', 'Hand your tickets to someone else.', [{ path: 'toAgentId', message: 'That is you.' }])
    const [agent] = await db
      .select({ name: agents.name })
      .from(agents)
      .where(and(eq(agents.id, handoff.toAgentId), eq(agents.workspaceId, actor.workspaceId)))
    if (!agent)
      throw new AppError('invalid_input', `No agent ${handoff.toAgentId}.`, [{ path: 'toAgentId', message: 'No such agent.' }])
    return agent
  }
  const [team] = await db
    .select({ name: teams.name })
    .from(teams)
    .where(and(eq(teams.id, handoff.toTeamId!), eq(teams.workspaceId, actor.workspaceId)))
  if (!team) throw new AppError('invalid_input', `No team ${handoff.toTeamId}.`, [{ path: 'toTeamId', message: 'No such team.' }])
  return { name: `the team ${team.name}` }
}
