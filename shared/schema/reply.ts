// Replies to a customer (POST /api/tickets/:id/replies) and the WhatsApp templates they may use.
import { z } from 'zod'
import { idSchema, isoTimeSchema } from './common.ts'

export const templateUseSchema = z.object({
  name: z.string().trim().min(1).max(512),
  language: z.string().trim().min(2).max(15),
  params: z.array(z.string().max(1024)).max(30).default([]),
})
export type TemplateUse = z.infer<typeof templateUseSchema>

export const outgoingFileSchema = z.object({
  name: z.string().trim().min(1).max(255),
  mimeType: z
    .string()
    .trim()
    .regex(/^[\w.+-]+\/[\w.+-]+$/, 'A MIME type such as application/pdf'),
  base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Base64 without line breaks'),
})
export type OutgoingFile = z.infer<typeof outgoingFileSchema>

/** Replies may carry files, so their bodies may be larger than other API requests. */
export const maxReplyBytes = 15 * 1024 * 1024
export const maxReplyFileBytes = 10 * 1024 * 1024

export const createReplySchema = z
  .object({
    body: z.string().trim().max(4096).default(''),
    /** The same key never sends twice: a repeated request answers with the first reply. */
    idempotencyKey: z.string().trim().min(1).max(200).optional(),
    /** Outside WhatsApp's 24-hour window, an approved template of the ticket's channel. */
    template: templateUseSchema.optional(),
    /** On a comment ticket: answer the commenter by direct message instead of publicly. */
    privateReply: z.boolean().default(false),
    /** Files to send with the reply (email tickets), base64; 10 MB in all at most. */
    attachments: z.array(outgoingFileSchema).max(10).default([]),
    /**
     * The newest message the sender's view showed: a reply another agent sent after it answers 409
     * reply_conflict, as does a colleague typing in the ticket, unless `confirm` is true.
     */
    lastSeenMessageId: idSchema.optional(),
    confirm: z.boolean().default(false),
    /** Email tickets: more recipients in Cc (reply-all fills them from the customer's last mail). */
    cc: z.array(z.string().trim().toLowerCase().email('An email address')).max(20).default([]),
    /**
     * "Send and set pending" / "Send and resolve": the ticket's new status, set in the same transaction
     * that accepts the reply, so it changes only when the reply is queued.
     */
    setStatus: z.enum(['pending', 'resolved']).optional(),
  })
  .refine((reply) => reply.body !== '' || reply.template, { message: 'Give a body or a template.', path: ['body'] })
export type CreateReply = z.infer<typeof createReplySchema>

export const createTemplateSchema = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,512}$/, 'Lower-case letters, digits and underscores, as Meta names templates'),
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'A language code such as en or en_US'),
  body: z.string().trim().min(1).max(1024),
})

/** Meta's review state of a template; only `approved` ones can be sent. */
export const templateStatuses = ['approved', 'pending', 'rejected', 'paused', 'disabled'] as const
export type TemplateStatus = (typeof templateStatuses)[number]

export const templateSchema = z.object({
  id: idSchema,
  channelId: idSchema,
  name: z.string(),
  language: z.string(),
  body: z.string(),
  /** How many {{n}} parameters the body takes. */
  paramCount: z.number().int(),
  /** Follows Meta's message_template_status_update webhook; a reply may use only an approved template. */
  status: z.enum(templateStatuses),
  /** Meta's category (marketing, utility, authentication); null for one added by hand. */
  category: z.string().nullable(),
  createdAt: isoTimeSchema,
})
export type Template = z.infer<typeof templateSchema>
export const templateResponseSchema = z.object({ template: templateSchema })
export const templateListSchema = z.object({ items: z.array(templateSchema) })
/** POST /api/channels/:id/templates/sync: every template of the channel after the sync, and what it changed. */
export const templateSyncSchema = templateListSchema.extend({
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
})
export type TemplateSync = z.infer<typeof templateSyncSchema>
