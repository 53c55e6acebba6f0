// What a reply on a ticket sends, decided before anything is written: a channel rule is checked before
// the outbox row, so the agent gets a clear error at once. Whether the channel carries a template or
// files is checked here; the rest (the window, the mode, the recipient, the threading) is the channel's
// own plan (channels/registry.ts). Throws AppError 400 (a template where the channel takes none) and
// 422 (window_closed, unknown_template, channel_rule).
import { AppError } from '../../shared/errors.ts'
import type { CreateReply } from '../../shared/schema/reply.ts'
import type { ChannelRow } from '../channels/channel-directory.ts'
import { channelAdapters } from '../channels/registry.ts'
import type { PlannedReply, ReplyTicket } from '../channels/reply-plan.ts'
import type { Db } from '../db/create-db.ts'

export async function planOutbound(
  db: Db,
  ticket: ReplyTicket,
  channel: ChannelRow,
  reply: Pick<CreateReply, 'body' | 'template' | 'privateReply'> & { cc?: readonly string[] },
  messageId: string,
  now: Date,
  automatic = false,
  attachmentIds: readonly string[] = [],
): Promise<PlannedReply> {
  const adapter = channelAdapters[channel.kind]
  if (reply.template && !adapter.carries.templates) {
    throw new AppError('invalid_input', 'Templates are for WhatsApp channels.', [
      { path: 'template', message: 'Not a WhatsApp ticket' },
    ])
  }
  if (attachmentIds.length && !adapter.carries.files) {
    throw new AppError('channel_rule', 'Files can be sent with email replies only, for now.')
  }
  const cc = reply.cc ?? []
  if (cc.length && !adapter.carries.files) {
    // The channels that carry files are those answered by mail: only they have a Cc.
    throw new AppError('invalid_input', 'Cc is for replies by email.', [{ path: 'cc', message: 'Not an email ticket' }])
  }
  return adapter.planReply({
    db,
    ticket,
    channel,
    body: reply.body,
    cc,
    template: reply.template ?? null,
    privateReply: reply.privateReply,
    attachmentIds,
    messageId,
    now,
    automatic,
  })
}
