// What a provider delivery carries, normalised: new messages (from the customer, or echoes of what the
// business sent from another tool), delivery statuses of our outbound messages, and deletions.
// Every channel's pure normaliser returns these; the ingest pipeline applies them.
import { z } from 'zod'
import { identitySchema } from '../../shared/schema/contact.ts'
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
  /** The customer unsent a message (Instagram): it is marked deleted, never dropped. */
  z.object({ type: z.literal('deleted'), ...target, externalId: z.string(), at: z.string() }),
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
