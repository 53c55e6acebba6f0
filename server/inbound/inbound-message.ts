// The one normalised shape every channel turns its deliveries into (DESIGN.md "How data flows").
// It is also the journal's record format, so it is a zod schema.
import { z } from 'zod'
import { identitySchema } from '../../shared/schema/contact.ts'
import { attachmentSchema } from '../../shared/schema/message.ts'

export const inboundMessageSchema = z.object({
  workspaceId: z.string(),
  channelId: z.string(),
  channelKind: z.enum(['messenger', 'instagram', 'whatsapp', 'email', 'chat', 'form']),
  /** Unique within the channel; a second delivery with the same id is stored once. */
  externalId: z.string().min(1).max(512),
  /** When the customer sent it, as the channel timestamps it (ISO-8601). */
  sentAt: z.string(),
  contact: z.object({
    name: z.string().nullable(),
    identities: z.array(identitySchema),
    avatarUrl: z.string().nullable().optional(),
  }),
  subject: z.string().nullable(),
  /**
   * Which conversation of this contact on this channel the message belongs to: null for the direct
   * thread (DMs, chats, mail), or a key such as `comment:<postId>` for public comments on one post,
   * which are a ticket of their own.
   */
  thread: z.string().max(200).nullable().default(null),
  /** `inbound` from the customer; `outbound` for an echo of what the business sent from another tool. */
  direction: z.enum(['inbound', 'outbound']).default('inbound'),
  /** The channel's id of the message this one replies to, when the customer quoted one. */
  replyToExternalId: z.string().nullable().default(null),
  body: z.string(),
  html: z.string().nullable(),
  attachments: z.array(attachmentSchema),
  /** The provider's own payload for this message, kept as received. */
  raw: z.unknown(),
})
export type InboundMessage = z.infer<typeof inboundMessageSchema>

export interface IngestResult {
  duplicate: boolean
  ticketId: string | null
  ticketNumber: number | null
  messageId: string | null
}
