// A reply on a WhatsApp ticket, under WhatsApp's rules: free-form text for 24 hours after the customer's
// last message; an approved template of the channel at any time (the only way to write after that).
import { AppError } from '../../../shared/errors.ts'
import { lastCustomerMessage } from '../meta/last-customer-message.ts'
import { replyMode, replyWindowClosesAt } from '../meta/reply-window.ts'
import type { PlannedReply, ReplyToPlan } from '../reply-plan.ts'
import { renderTemplateUse } from './whatsapp-templates.ts'

export async function planWhatsappReply(reply: ReplyToPlan): Promise<PlannedReply> {
  const { db, ticket, channel, now } = reply
  const last = await lastCustomerMessage(db, ticket.id, channel.id)
  if (!last) throw new AppError('channel_rule', 'The customer has not written on this ticket, so there is nobody to answer.')
  if (reply.template) {
    const body = await renderTemplateUse(db, channel.id, reply.template)
    return {
      request: { type: 'whatsapp', to: last.senderId, text: null, template: reply.template, replyTo: null },
      body,
      sender: channel,
    }
  }
  if (replyMode('whatsapp', ticket.lastCustomerMessageAt, now) !== 'response') {
    throw new AppError(
      'window_closed',
      'More than 24 hours have passed since the customer last wrote: send an approved template.',
      { closedAt: replyWindowClosesAt('whatsapp', ticket.lastCustomerMessageAt)?.toISOString() ?? null },
    )
  }
  return {
    request: { type: 'whatsapp', to: last.senderId, text: reply.body, template: null, replyTo: null },
    body: reply.body,
    sender: channel,
  }
}
