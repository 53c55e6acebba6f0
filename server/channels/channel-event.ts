// What a provider delivery carries, normalised: new messages (from the customer, or echoes of what the
// business sent from another tool), delivery statuses of our outbound messages, changes to messages
// already stored (deletions, edits, reactions), and news about the contact or the channel's account.
// Every channel's pure normaliser returns these; the ingest pipeline applies them.
import { z } from 'zod'
import { identitySchema } from '../../shared/schema/contact.ts'
import { templateStatuses } from '../../shared/schema/reply.ts'
import { inboundMessageSchema } from './inbound-message.ts'

const target = { workspaceId: z.string(), channelId: z.string() }

export const channelEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), message: inboundMessageSchema }),
  /** One outbound message's new status (WhatsApp statuses). Never moves a status backwards. */
  z.object({
    type: z.literal('status'),
    ...target,
    externalId: z.string(),
    status: z.enum(['sent', 'delivered', 'read', 'failed']),
    at: z.string(),
    /** For failed: the provider's code and text, e.g. "131047 Re-engagement message". */
    error: z.string().nullable(),
  }),
  /** Everything we sent to this person on this channel up to `upTo` is delivered or read (Messenger). */
  z.object({
    type: z.literal('watermark'),
    ...target,
    identity: identitySchema,
    status: z.enum(['delivered', 'read']),
    upTo: z.string(),
  }),
  /** The sender unsent or deleted a message: it is marked deleted, never dropped. */
  z.object({ type: z.literal('deleted'), ...target, externalId: z.string(), at: z.string() }),
  /** The sender edited a message: its text becomes `body`, the text it replaces is kept in its history. */
  z.object({ type: z.literal('edited'), ...target, externalId: z.string(), body: z.string(), at: z.string() }),
  /** A reaction to a message, by the customer or the business; a null emoji takes it back. */
  z.object({
    type: z.literal('reaction'),
    ...target,
    externalId: z.string(),
    by: z.enum(['contact', 'agent']),
    emoji: z.string().nullable(),
    at: z.string(),
  }),
  /** The customer has a new number (WhatsApp): it joins their contact, and their ticket says so. */
  z.object({
    type: z.literal('identity_changed'),
    ...target,
    /** Their identity so far, which stays; and the one to add. */
    from: identitySchema,
    to: identitySchema,
    /** What the ticket says, e.g. "The customer changed their number from +1… to +1…". */
    body: z.string(),
    at: z.string(),
  }),
  /** The customer opted out of (or back into) a category of messages, e.g. marketing (WhatsApp). */
  z.object({
    type: z.literal('preference'),
    ...target,
    identity: identitySchema,
    category: z.string(),
    optedOut: z.boolean(),
    at: z.string(),
  }),
  /**
   * What Meta says about the channel's account (a template's review, the number's quality or limit, an
   * alert, a review decision): the admins are told; a template's new state applies to it.
   */
  z.object({
    type: z.literal('account_notice'),
    ...target,
    /** Unique per notice (the provider sends no id): the webhook field, what it names, and its time. */
    key: z.string().max(512),
    body: z.string(),
    at: z.string(),
    template: z
      .object({
        businessAccountId: z.string(),
        name: z.string(),
        /** Null when Meta names no language: every language of the name. */
        language: z.string().nullable(),
        status: z.enum(templateStatuses),
      })
      .nullable(),
  }),
  /**
   * A mail server's delivery status notification about our outbound mail with this Message-ID: it
   * failed (a bounce), is delayed, or was delivered. `report` is the notification itself, stored as a
   * message of its own when it names no mail we sent, so that nothing accepted disappears.
   */
  z.object({
    type: z.literal('bounce'),
    ...target,
    externalId: z.string(),
    at: z.string(),
    reason: z.string(),
    outcome: z.enum(['failed', 'delayed', 'delivered']).default('failed'),
    report: inboundMessageSchema.optional(),
  }),
])
export type ChannelEvent = z.infer<typeof channelEventSchema>
