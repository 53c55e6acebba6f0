// Threading for a batch of messages, as a pure plan: each message joins its contact's open or pending
// ticket on that channel, else a ticket resolved within the reopen window (reopened), else a new ticket;
// several messages of one conversation in the same batch share the ticket the first one opens. A
// conversation is a contact on a channel in one thread (the direct one, or a post's comments).
import type { ChannelKind } from '../../shared/schema/common.ts'

export interface ThreadRequest {
  workspaceId: string
  channelId: string
  channelKind: ChannelKind
  contactId: string
  contactName: string | null
  subject: string | null
  /** Null for the direct thread; e.g. comment:<postId> for a post's public comments. */
  threadKey: string | null
  /** False for an echo of the business's own message: it joins a ticket but never reopens one. */
  inbound: boolean
  /** A ticket the message names itself (an email answering one of ours): joined whatever the rest. */
  pinned: CandidateTicket | null
}

/** A ticket the message may join; the caller lists them best first (open/pending, then newest). */
export interface CandidateTicket {
  id: string
  number: number
  status: 'open' | 'pending' | 'resolved' | 'closed'
  contactId: string
  channelId: string
  threadKey: string | null
}

export interface ThreadPlan {
  /** Per request: an existing ticket's id, or the index into newTickets. */
  targets: ({ existing: CandidateTicket } | { newIndex: number })[]
  newTickets: ThreadRequest[]
}

export function planThreads(requests: readonly ThreadRequest[], candidates: readonly CandidateTicket[]): ThreadPlan {
  const byConversation = new Map<string, { existing: CandidateTicket } | { newIndex: number }>()
  for (const candidate of candidates) {
    const key = conversationKey(candidate)
    if (!byConversation.has(key)) byConversation.set(key, { existing: candidate })
  }
  const plan: ThreadPlan = { targets: [], newTickets: [] }
  for (const request of requests) {
    if (request.pinned) {
      plan.targets.push({ existing: request.pinned })
      continue
    }
    const key = conversationKey(request)
    let target = byConversation.get(key)
    if (!target) {
      target = { newIndex: plan.newTickets.push(request) - 1 }
      byConversation.set(key, target)
    }
    plan.targets.push(target)
  }
  return plan
}

const conversationKey = (c: { contactId: string; channelId: string; threadKey: string | null }) =>
  `${c.contactId}\u0000${c.channelId}\u0000${c.threadKey ?? ''}`
