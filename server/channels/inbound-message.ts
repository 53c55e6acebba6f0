// The one normalised shape every channel turns its deliveries into, and the channel a normaliser is
// given. It is also the journal's record format, so it is a zod schema.
import { z } from 'zod'
import { type ChannelKind, channelKindSchema } from '../../shared/schema/common.ts'
import { identitySchema } from '../../shared/schema/contact.ts'
import { attachmentSchema, mailAddressesSchema } from '../../shared/schema/message.ts'

/** The channel a delivery came to, as a normaliser stamps it on the messages it makes. */
export interface ChannelRef {
  id: string
  workspaceId: string
  kind: ChannelKind
}

export const inboundMessageSchema = z.object({
  workspaceId: z.string(),
  channelId: z.string(),
  channelKind: channelKindSchema,
  /** Unique within the channel; a second delivery with the same id is stored once. */
  externalId: z.string().min(1).max(512),
  /**
   * What makes two deliveries the same delivery, when the id alone does not: email's Message-ID is
   * reused by some senders and tools, so a mail is keyed by its id and a digest of its content.
   */
  deliveryKey: z.string().min(1).max(600).optional(),
  /** When the customer sent it, as the channel timestamps it (ISO-8601). */
  sentAt: z.string(),
  /** When it reached the helpdesk, when that was not at ingest (the sample data's past); default now. */
  receivedAt: z.string().optional(),
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
  /**
   * Email threading: the Message-IDs this mail answers (In-Reply-To, then References, nearest first)
   * and a ticket number found in the subject ("[#123]") or the reply address (support+123@…). A mail
   * with neither matching a ticket opens a new ticket: by email, a new mail is a new conversation.
   */
  emailThread: z
    .object({ references: z.array(z.string().max(998)).max(100), ticketNumber: z.number().int().positive().nullable() })
    .nullable()
    .default(null),
  /** Email: From, To and Cc as the headers said, shown on the message and read by reply-all. */
  mail: mailAddressesSchema.nullable().default(null),
  /** Files that came with the message (email attachments), stored with it. */
  files: z
    .array(
      z.object({
        name: z.string().nullable(),
        mimeType: z.string(),
        base64: z.string(),
        contentId: z.string().nullable().default(null),
      }),
    )
    .default([]),
  /** Sent by a machine (an out-of-office, a list, a bounce): it never triggers an automatic message. */
  autoSubmitted: z.boolean().default(false),
  /** Tags the message puts on its ticket (a delivery report naming no mail we sent: `delivery-report`). */
  ticketTags: z.array(z.string().min(1).max(50)).max(10).optional(),
  body: z.string(),
  html: z.string().nullable(),
  attachments: z.array(attachmentSchema),
  /** The provider's own payload for this message, kept as received. */
  raw: z.unknown(),
})
export type InboundMessage = z.infer<typeof inboundMessageSchema>

/** What most channels leave as it is: a plain customer message in the direct conversation. */
const plainMessage = {
  subject: null,
  thread: null,
  direction: 'inbound',
  replyToExternalId: null,
  emailThread: null,
  mail: null,
  html: null,
  attachments: [],
  files: [],
  autoSubmitted: false,
} as const satisfies Partial<InboundMessage>

/** An InboundMessage from the fields a channel knows; the rest are those of a plain customer message. */
export function inboundMessage(
  fields: Omit<InboundMessage, keyof typeof plainMessage> & Partial<Pick<InboundMessage, keyof typeof plainMessage>>,
): InboundMessage {
  return { ...plainMessage, attachments: [], files: [], ...fields }
}

export interface IngestResult {
  duplicate: boolean
  ticketId: string | null
  ticketNumber: number | null
  messageId: string | null
}
