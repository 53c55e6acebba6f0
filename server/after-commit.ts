// What follows a commit, in one place: a use case persists in its transaction and returns; then one of
// these reactions runs the side effects, in this order: the tickets' shared documents, the sockets that
// may have lost a ticket, the rules, the outbox. Route handlers, the ingest queue, the collaboration
// server and the scheduler all come here instead of calling those parts themselves.

import { appendNote, clearDraft } from '../shared/protocol/ticket-document.ts'
import type { Clock } from './clock/clock.ts'
import type { CollabServer } from './collab/collab-server.ts'
import { type AssignedTicket, publishAssignments } from './collab/publish-assignments.ts'
import type { Db } from './db/create-db.ts'
import type { BatchOutcome } from './inbound/ingest-batch.ts'
import type { Logger } from './log.ts'
import { messagesWithPendingMedia } from './media/media-fetcher.ts'
import type { OutboxDispatcher } from './outbound/outbox-dispatcher.ts'
import { queueAutomaticMessages } from './outbound/queue-automatic-messages.ts'
import type { RuleEngine } from './rules/rule-engine.ts'
import type { SyncPush } from './sync/sync-push.ts'

export interface AfterCommit {
  /** An ingest batch committed: its media is fetched, its rules run, welcome and away messages go out. */
  ingested(outcome: BatchOutcome): Promise<void>
  /** Assignments changed (over REST, by a handoff): the documents show them, sockets that lost a ticket close. */
  assignmentsChanged(workspaceId: string, tickets: readonly AssignedTicket[]): Promise<void>
  /** Agents changed tickets (over REST, or an assignment in a document): the ticket_updated rules run. */
  ticketsUpdated(workspaceId: string, ticketIds: readonly string[]): Promise<void>
  /** A reply was queued: the outbox sends it, and the shared draft it came from is emptied. */
  replyQueued(workspaceId: string, reply: { ticketId: string; repeated: boolean }): Promise<void>
  /** A note made over REST shows in the ticket's document. */
  noteAdded(
    workspaceId: string,
    note: { ticketId: string; id: string; authorId: string | null; createdAt: string; body: string },
  ): Promise<void>
  /** What an agent may see changed (role, teams, signed out): their open documents and sync streams are checked again. */
  accessChanged(workspaceId: string, agentId: string): void
  /** An agent came online: tickets that waited for someone are routed. */
  agentOnline(workspaceId: string): Promise<void>
  /** An agent marked a ticket read or unread: their other browsers are told. */
  readsChanged(agentId: string): void
  /** The workspace's tag list changed: open apps read it again (ticket rows follow through the sync). */
  tagsChanged(workspaceId: string): void
  /** Rules, calendars or SLA policies changed: the next rule run reads them again. */
  automationChanged(workspaceId: string): void
}

export function createAfterCommit(deps: {
  db: Db
  clock: Clock
  log: Logger
  collab: Pick<CollabServer, 'change' | 'recheck'>
  rules: RuleEngine
  outbox: Pick<OutboxDispatcher, 'wake'>
  media: { fetchFor(messages: ReturnType<typeof messagesWithPendingMedia>): void }
  sync: Pick<SyncPush, 'recheck' | 'readsChanged' | 'tagsChanged'>
}): AfterCommit {
  const { db, clock, log, collab, rules, outbox, sync } = deps
  return {
    async ingested(outcome) {
      deps.media.fetchFor(
        messagesWithPendingMedia(
          outcome.ingested.map((i) => ({ messageId: i.ingested.messageId, attachments: i.message.attachments })),
        ),
      )
      const now = clock.now()
      // A failure of the rules must not keep the away message from going out.
      await rules.afterIngest(outcome).catch((error: unknown) => log.error('rules after ingest failed', { error }))
      if (await queueAutomaticMessages(db, outcome, log, now)) outbox.wake()
    },
    assignmentsChanged: (workspaceId, tickets) => publishAssignments(collab, workspaceId, tickets, log),
    async ticketsUpdated(workspaceId, ticketIds) {
      // The priority score and SLA due times follow the change too.
      await rules
        .run(workspaceId, 'ticket_updated', ticketIds)
        .catch((error: unknown) => log.error('ticket_updated rules failed', { ticketIds, error }))
    },
    async replyQueued(workspaceId, { ticketId, repeated }) {
      outbox.wake()
      if (!repeated) await collab.change(ticketId, workspaceId, clearDraft)
    },
    async noteAdded(workspaceId, note) {
      await collab.change(note.ticketId, workspaceId, (doc) => appendNote(doc, note))
    },
    readsChanged(agentId) {
      void sync.readsChanged(agentId).catch((error: unknown) => log.error('read marks not announced', { agentId, error }))
    },
    tagsChanged(workspaceId) {
      void sync.tagsChanged(workspaceId).catch((error: unknown) => log.error('tag change not announced', { workspaceId, error }))
    },
    accessChanged(workspaceId, agentId) {
      collab.recheck(workspaceId, { agentId })
      void sync.recheck(agentId).catch((error: unknown) => log.error('sync stream recheck failed', { agentId, error }))
    },
    agentOnline: (workspaceId) => rules.routeWaiting(workspaceId),
    automationChanged: (workspaceId) => rules.invalidate(workspaceId),
  }
}
