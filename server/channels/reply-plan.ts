// A reply as a channel plans it. In: the ticket facts a plan reads (a ticket row carries them; this folder
// does not read tickets) and what the agent or rule wrote. Out: the request the outbox row stores, the
// text the thread shows and the channel it leaves through.
import type { TemplateUse } from '../../shared/schema/reply.ts'
import type { Db } from '../db/create-db.ts'
import type { ChannelRow } from './channel-directory.ts'
import type { OutboundRequest } from './outbound-request.ts'

export interface ReplyTicket {
  id: string
  number: number
  subject: string | null
  contactId: string
  /** Null for the direct thread; `comment:<postId>` for a post's public comments. */
  threadKey: string | null
  lastCustomerMessageAt: Date | null
}

export interface ReplyToPlan {
  /** The transaction the reply is written in. */
  db: Db
  ticket: ReplyTicket
  /** The ticket's channel. */
  channel: ChannelRow
  body: string
  /** Email: more recipients in Cc (the planner has checked the channel answers by mail). */
  cc: readonly string[]
  template: TemplateUse | null
  /** On a comment ticket: answer the commenter by direct message instead of publicly. */
  privateReply: boolean
  /** Stored files to send with it (the planner has checked that the channel carries files). */
  attachmentIds: readonly string[]
  /** The id the outbound message will have (Messenger's metadata, the mail's Message-ID). */
  messageId: string
  now: Date
  /** Sent by the helpdesk itself (an away message, a rule's reply), not typed by an agent. */
  automatic: boolean
}

export interface PlannedReply {
  request: OutboundRequest
  /** The text the thread shows (a template rendered with its parameters). */
  body: string
  /** The channel that sends it: the ticket's own, or the mailbox answering a web form. */
  sender: ChannelRow
}
