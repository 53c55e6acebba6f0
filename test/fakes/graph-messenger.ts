// The fake's Messenger and Instagram send side: `POST /{v}/me/messages` or
// `/{v}/{page-or-ig-id}/messages` (a DM, a private reply to a comment, or a sender action) and
// `POST /{v}/{comment-id}/replies` (a public reply). Parameters are validated as Graph does, code 100.
import { z } from 'zod'
import { errorAnswer, graphErrors, invalidParameter } from './graph-errors.ts'
import type { GraphAnswer } from './graph-request.ts'
import { type MessagingWindow, messengerWindowError } from './messaging-window.ts'
import { graphObjectId, messengerMid } from './meta-ids.ts'

const graphId = z.union([z.string().min(1), z.number()]).transform(String)

const recipientSchema = z
  .looseObject({
    id: graphId.optional(),
    comment_id: graphId.optional(),
    post_id: graphId.optional(),
    user_ref: z.string().optional(),
  })
  .refine((r) => [r.id, r.comment_id, r.post_id, r.user_ref].filter((v) => v !== undefined).length === 1, {
    message: 'recipient needs exactly one of id, comment_id, post_id or user_ref',
  })

const messageSchema = z
  .looseObject({
    text: z.string().min(1).max(2000).optional(),
    attachment: z
      .looseObject({
        type: z.enum(['image', 'audio', 'video', 'file', 'template']),
        payload: z.looseObject({ url: z.string().optional(), attachment_id: z.string().optional() }),
      })
      .optional(),
    quick_replies: z
      .array(z.looseObject({ content_type: z.string() }))
      .max(13)
      .optional(),
    metadata: z.string().max(1000).optional(),
  })
  .refine((m) => (m.text === undefined) !== (m.attachment === undefined), {
    message: 'message needs text or attachment, not both',
  })

const sendSchema = z
  .looseObject({
    recipient: recipientSchema,
    messaging_type: z.enum(['RESPONSE', 'UPDATE', 'MESSAGE_TAG']).optional(),
    tag: z.string().optional(),
    message: messageSchema.optional(),
    sender_action: z.enum(['mark_seen', 'typing_on', 'typing_off', 'react', 'unreact']).optional(),
  })
  .refine((s) => (s.message === undefined) !== (s.sender_action === undefined), {
    message: 'send either message or sender_action',
  })
  .refine((s) => s.messaging_type !== 'MESSAGE_TAG' || s.tag !== undefined, { message: 'MESSAGE_TAG needs a tag', path: ['tag'] })

export interface MessengerContext {
  window: MessagingWindow | null
  now: number
  /** Comments (and posts) already answered privately: Meta allows one private reply each. */
  privateReplies: Set<string>
}

/** Answers a Messenger or Instagram send the way the Send API does. */
export function sendMessengerMessage(params: Record<string, unknown>, context: MessengerContext): GraphAnswer {
  const parsed = sendSchema.safeParse(params, { reportInput: true })
  if (!parsed.success) return errorAnswer(invalidParameter(parsed.error.issues, 'messenger'))
  const { recipient, sender_action: senderAction, messaging_type: messagingType, tag } = parsed.data

  const commentId = recipient.comment_id ?? recipient.post_id
  if (commentId !== undefined) {
    if (senderAction !== undefined) return errorAnswer(graphErrors.invalidParameter)
    if (context.privateReplies.has(commentId)) return errorAnswer(graphErrors.privateReplyUsed)
    context.privateReplies.add(commentId)
    // Meta does not document recipient_id for private replies; the fake leaves it out.
    return { status: 200, body: { message_id: messengerMid() } }
  }
  if (recipient.user_ref !== undefined) {
    if (senderAction !== undefined) return errorAnswer(graphErrors.invalidParameter)
    return { status: 200, body: { message_id: messengerMid() } }
  }
  const recipientId = recipient.id!
  if (senderAction !== undefined) return { status: 200, body: { recipient_id: recipientId } }
  if (context.window) {
    const refused = messengerWindowError(context.window, { recipientId, messagingType, tag }, context.now)
    if (refused) return errorAnswer(refused)
  }
  return { status: 200, body: { recipient_id: recipientId, message_id: messengerMid() } }
}

/** Answers `POST /{comment-id}/replies`: `message` (query or body) becomes a reply comment `{id}`. */
export function replyToComment(params: Record<string, unknown>): GraphAnswer {
  const parsed = z.object({ message: z.string().min(1) }).safeParse(params, { reportInput: true })
  if (!parsed.success) return errorAnswer(invalidParameter(parsed.error.issues, 'messenger'))
  return { status: 200, body: { id: graphObjectId('178') } }
}
