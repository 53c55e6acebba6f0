// What an outbox row sends, decided when the reply is accepted (window, mode, recipient, template),
// so the dispatcher only delivers it. Stored as JSON in outbox.request.
import { z } from 'zod'
import { templateUseSchema } from '../../shared/schema/reply.ts'

export const outboundRequestSchema = z.discriminatedUnion('type', [
  /** Messenger or Instagram direct message; `human_agent` outside the 24-hour window. */
  z.object({
    type: z.literal('dm'),
    recipientId: z.string(),
    mode: z.enum(['response', 'human_agent']),
    text: z.string(),
    /** Comes back in Messenger's echo, so our own sends are recognised. */
    metadata: z.string(),
  }),
  /** A private reply to a comment: a direct message to the commenter (once per comment). */
  z.object({ type: z.literal('private_reply'), commentId: z.string(), text: z.string() }),
  /** A public reply under a comment (Instagram, or a Facebook Page post). */
  z.object({ type: z.literal('comment_reply'), commentId: z.string(), text: z.string() }),
  /** Email through SMTP_URL: threaded into the customer's mail client by Message-ID and References. */
  z.object({
    type: z.literal('email'),
    from: z.object({ address: z.string(), name: z.string().nullable() }),
    to: z.string(),
    cc: z.array(z.string()).default([]),
    subject: z.string(),
    text: z.string(),
    html: z.string().nullable(),
    /** Ours, kept as the message's external id: the customer's answer names it in In-Reply-To. */
    messageId: z.string(),
    inReplyTo: z.string().nullable(),
    references: z.array(z.string()),
    /** Set on automatic mails (Auto-Submitted: auto-replied), so other robots do not answer them. */
    automatic: z.boolean(),
    /** Stored attachments of the message to send with it (ids in the attachments table). */
    attachmentIds: z.array(z.string()).default([]),
  }),
  /** Live chat: to the visitor's open widget; by email when they are gone and left an address. */
  z.object({ type: z.literal('chat'), visitorId: z.string(), text: z.string(), fallbackEmail: z.string().nullable() }),
  /** WhatsApp: free-form text inside the window, or a template. */
  z.object({
    type: z.literal('whatsapp'),
    to: z.string(),
    text: z.string().nullable(),
    template: templateUseSchema.nullable(),
    replyTo: z.string().nullable(),
  }),
])
export type OutboundRequest = z.infer<typeof outboundRequestSchema>
