// The one interface every channel implements; channels/registry.ts lists one adapter per kind. A channel
// is a place: how its provider's payloads become InboundMessages (where deliveries arrive per channel;
// Meta's webhook and inbound mail route themselves first), what a reply through it becomes under its
// rules (planned before anything is written, so the agent is told at once), and how a planned request
// is sent and the provider's answer read.
import type { ChannelKind } from '../../shared/schema/common.ts'
import type { Db } from '../db/create-db.ts'
import type { SecretBox } from '../security/secret-box.ts'
import type { ChannelRow } from './channel-directory.ts'
import type { ChatHub } from './chat/chat-hub.ts'
import type { EmailSender } from './email/email-sender.ts'
import type { ChannelRef, InboundMessage } from './inbound-message.ts'
import type { GraphClient } from './meta/graph-client.ts'
import type { OutboundRequest } from './outbound-request.ts'
import type { PlannedReply, ReplyToPlan } from './reply-plan.ts'
import type { SendOutcome } from './send-outcome.ts'

/** What the channels send with, built once where the server is wired. */
export interface ChannelDeps {
  db: Db
  box: SecretBox
  graph: GraphClient
  graphVersion: string
  email: EmailSender
  chat: Pick<ChatHub, 'deliver'>
}

export interface SendTarget {
  /** The channel of the outbox row: the sender its plan chose. */
  channel: ChannelRow
  /** The outbound message being sent (live chat shows it to the visitor under this id). */
  messageId: string
}

export interface ChannelAdapter<Payload = unknown> {
  readonly kind: ChannelKind
  /** What a reply may carry besides its text; the planner refuses the rest before the channel plans. */
  readonly carries: { readonly templates: boolean; readonly files: boolean }
  /** Pure: the provider's payload as received, to the messages it carries. */
  normalise?(payload: Payload, channel: ChannelRef, receivedAt: Date): InboundMessage[]
  /**
   * The request a reply becomes under the channel's rules (window, mode, recipient, threading), and the
   * channel it leaves through. Throws AppError (channel_rule, window_closed, unknown_template) to refuse.
   */
  planReply(reply: ReplyToPlan): Promise<PlannedReply>
  /** Makes the provider's call for a planned request and reads its answer; a refusal is a value. */
  send(request: OutboundRequest, target: SendTarget, deps: ChannelDeps): Promise<SendOutcome>
}
