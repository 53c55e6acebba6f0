// Messages of a ticket: customer and agent messages, internal notes, and events (status changes, merges).
import { z } from 'zod'
import { channelKindSchema, idSchema, isoTimeSchema } from './common.ts'

export const messageKinds = ['message', 'note', 'event'] as const
export const messageStatuses = ['received', 'queued', 'sent', 'delivered', 'read', 'failed'] as const

export const attachmentSchema = z.object({
  type: z.enum(['image', 'video', 'audio', 'file', 'sticker', 'location', 'contact', 'other']),
  url: z.string().nullable(),
  name: z.string().nullable().optional(),
  mimeType: z.string().nullable().optional(),
  size: z.number().nullable().optional(),
})
export type Attachment = z.infer<typeof attachmentSchema>

/**
 * Whether an attachment's URL may be a link or an image source: a web address (http, https) or a file this
 * server stores. Anything else (`javascript:`, `data:`, `geo:`, a provider's own scheme) is shown as text.
 */
export function isLinkableUrl(url: string): boolean {
  return /^https?:\/\/[^\s]/i.test(url) || /^\/api\/attachments\/[\w-]+$/.test(url)
}

/** A text the sender replaced by editing the message, and when they did. */
export const editedVersionSchema = z.object({ body: z.string(), replacedAt: isoTimeSchema })
export type EditedVersion = z.infer<typeof editedVersionSchema>

/** An emoji reaction to a message: by the customer (contact) or by the business (agent). */
export const reactionSchema = z.object({ by: z.enum(['contact', 'agent']), emoji: z.string(), at: isoTimeSchema })
export type Reaction = z.infer<typeof reactionSchema>

/** Who an email was from and to, as its headers said (ours as we sent it): shown on email messages. */
export const mailAddressesSchema = z.object({
  from: z.string(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
})
export type MailAddresses = z.infer<typeof mailAddressesSchema>

export const messageSchema = z.object({
  id: idSchema,
  ticketId: idSchema,
  kind: z.enum(messageKinds),
  direction: z.enum(['inbound', 'outbound']).nullable(),
  channelKind: channelKindSchema.nullable(),
  externalId: z.string().nullable(),
  authorType: z.enum(['contact', 'agent', 'system']),
  authorId: idSchema.nullable(),
  body: z.string(),
  html: z.string().nullable(),
  attachments: z.array(attachmentSchema),
  status: z.enum(messageStatuses),
  error: z.string().nullable(),
  /** The channel's id of the message this one answers or quotes. */
  replyToExternalId: z.string().nullable(),
  /** Sent by the helpdesk on its own (a welcome or away message). */
  automatic: z.boolean(),
  /** Set when the customer unsent the message; it stays in the thread, marked. */
  deletedAt: isoTimeSchema.nullable(),
  /** Set when the sender edited the message; `body` is the latest text. */
  editedAt: isoTimeSchema.nullable(),
  /** The texts the edits replaced, oldest first. */
  editHistory: z.array(editedVersionSchema),
  reactions: z.array(reactionSchema),
  /** On email messages: From, To and Cc. Null on other channels (and on mail stored before they were kept). */
  mail: mailAddressesSchema.nullable().default(null),
  /** When it was sent: for a customer's message, the time the channel gives it (when believable). */
  createdAt: isoTimeSchema,
  /** A customer's message: when the helpdesk received it (later than createdAt when it came late). */
  receivedAt: isoTimeSchema.nullable().default(null),
  /** A private reply to a public comment: the comment's id (Meta allows one private reply per comment). */
  privateReplyTo: z.string().nullable().default(null),
})
export type Message = z.infer<typeof messageSchema>

export const createNoteSchema = z.object({ body: z.string().trim().min(1).max(20_000) })
export const messageResponseSchema = z.object({ message: messageSchema })
