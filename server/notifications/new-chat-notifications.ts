// Who is told of a new live chat: its assignee when routing gave it to someone, otherwise every online
// agent who may see it (the same visibility rule as everywhere else), so somebody picks it up quickly.
import { and, eq, inArray } from 'drizzle-orm'
import { visibleToViewers } from '../access/ticket-visibility.ts'
import type { Db } from '../db/create-db.ts'
import { agents } from '../db/schema/agents.ts'
import { tickets } from '../db/schema/tickets.ts'
import type { NotificationEntry } from './notify.ts'

export interface NewChat {
  id: string
  workspaceId: string
  assigneeId: string | null
  contact: { name: string | null; email: string | null; phone: string | null }
}

export async function newChatNotifications(db: Db, chats: readonly NewChat[], at: Date): Promise<NotificationEntry[]> {
  const unassigned = chats.filter((c) => !c.assigneeId).map((c) => c.id)
  const onlineViewers = unassigned.length
    ? await db
        .select({ ticketId: tickets.id, agentId: agents.id })
        .from(tickets)
        .innerJoin(agents, eq(agents.workspaceId, tickets.workspaceId))
        .where(
          and(
            inArray(tickets.id, unassigned),
            eq(agents.availability, 'online'),
            visibleToViewers({ role: agents.role, agentId: agents.id }),
          ),
        )
    : []
  return chats.flatMap((chat) => {
    const told = chat.assigneeId ? [chat.assigneeId] : onlineViewers.filter((v) => v.ticketId === chat.id).map((v) => v.agentId)
    const from = chat.contact.name ?? chat.contact.email ?? chat.contact.phone ?? 'a visitor'
    return told.map((agentId) => ({
      workspaceId: chat.workspaceId,
      agentId,
      kind: 'new_chat' as const,
      ticketId: chat.id,
      body: `New chat from ${from}`,
      at,
    }))
  })
}
