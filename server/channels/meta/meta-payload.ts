// The wire shapes of Meta webhook deliveries: the envelope every product
// shares and the Messenger/Instagram messaging events. Lenient on purpose: unknown keys pass, every array
// may hold many items, ids and times come as numbers or strings. The envelope leaves its items unknown so
// each is parsed alone: one malformed item is a problem beside the others, never instead of them.
import { z } from 'zod'
import { isStorableTime } from '../../db/timestamp.ts'

/** Ids are strings on the wire, but test tools send numbers and "0". */
export const metaIdSchema = z.union([z.string().min(1), z.number()]).transform(String)

/**
 * A time as epoch milliseconds. Messenger and Instagram send epoch ms; WhatsApp sends epoch seconds as a
 * string; change-style entries send seconds. Anything below 1e11 is read as seconds (1e11 ms is 1973,
 * 1e11 s is the year 5138); a non-numeric string is read as an ISO-8601 time. A time the database
 * cannot store (past the year 9999) is not a time.
 */
export const metaTimeSchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const numeric = typeof value === 'number' || /^\s*\d+(\.\d+)?\s*$/.test(value)
  const n = numeric ? Number(value) : Date.parse(value)
  const ms = Math.round(numeric && n < 1e11 ? n * 1000 : n)
  if (!isStorableTime(ms)) {
    ctx.addIssue({ code: 'custom', message: `Not a time: ${String(value)}` })
    return z.NEVER
  }
  return ms
})

/**
 * A link Meta sends (an attachment's, a shared post's, a story's): kept only when it is a web address, so
 * a `javascript:` or `data:` URL in a fallback or share never reaches the app; anything else becomes null.
 */
export const metaUrlSchema = z
  .string()
  .nullish()
  .transform((value) => (value && isWebUrl(value) ? value : null))

function isWebUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol)
  } catch {
    return false
  }
}

export const metaDeliverySchema = z.looseObject({ object: z.string(), entry: z.array(z.unknown()) })

export const metaEntrySchema = z.looseObject({
  id: metaIdSchema,
  /** Only a fallback for events without a time of their own, so a strange value is dropped, not fatal. */
  time: metaTimeSchema.optional().catch(undefined),
  messaging: z.array(z.unknown()).optional(),
  /** Events of threads another app owns (handover protocol): the same shape as `messaging`. */
  standby: z.array(z.unknown()).optional(),
  changes: z.array(z.unknown()).optional(),
  /** The flat form one docs page shows: a single change directly on the entry, without `changes`. */
  field: z.string().optional(),
  value: z.unknown().optional(),
})
export type MetaEntry = z.infer<typeof metaEntrySchema>

export const metaChangeSchema = z.looseObject({ field: z.string(), value: z.unknown() })

const participantSchema = z.looseObject({ id: metaIdSchema })

export const metaAttachmentSchema = z.looseObject({
  type: z.string(),
  /** Messenger's location and fallback (a shared link) attachments carry these beside the payload. */
  title: z.string().nullish(),
  url: metaUrlSchema,
  payload: z
    .looseObject({
      url: metaUrlSchema,
      title: z.string().nullish(),
      coordinates: z.looseObject({ lat: z.number(), long: z.number() }).nullish(),
    })
    .nullish(),
})
export type MetaAttachment = z.infer<typeof metaAttachmentSchema>

export const metaMessageSchema = z.looseObject({
  mid: z.string().min(1),
  text: z.string().nullish(),
  is_echo: z.boolean().optional(),
  /** Unsend (Instagram; Messenger on message_deletes): the same mid as the original message. */
  is_deleted: z.boolean().optional(),
  is_unsupported: z.boolean().optional(),
  reply_to: z
    .looseObject({
      mid: z.string().optional(),
      story: z.looseObject({ id: metaIdSchema.optional(), url: metaUrlSchema }).optional(),
    })
    .optional(),
  attachments: z.array(metaAttachmentSchema).nullish(),
})
export type MetaMessage = z.infer<typeof metaMessageSchema>

/** One item of `messaging[]` or `standby[]` (or a change `value` in the wrapped form). Dispatch on the key present. */
export const metaMessagingEventSchema = z.looseObject({
  sender: participantSchema,
  recipient: participantSchema,
  /** A strange time never costs the message: it takes the entry's time instead. */
  timestamp: metaTimeSchema.optional().catch(undefined),
  message: metaMessageSchema.optional(),
  delivery: z.looseObject({ watermark: metaTimeSchema, mids: z.array(z.string()).optional() }).optional(),
  /** Messenger: a watermark. Instagram: one message's mid. */
  read: z
    .looseObject({ watermark: metaTimeSchema.optional(), mid: z.string().optional() })
    .refine((read) => read.watermark !== undefined || read.mid !== undefined, 'A read needs a watermark or a mid')
    .optional(),
  reaction: z
    .looseObject({
      mid: z.string(),
      action: z.string().optional(),
      emoji: z.string().optional(),
      reaction: z.string().optional(),
    })
    .optional(),
  message_edit: z.looseObject({ mid: z.string(), text: z.string().nullish(), num_edit: z.number().optional() }).optional(),
  /** Postbacks in standby have no payload. */
  postback: z.looseObject({ mid: z.string().optional(), title: z.string().nullish(), payload: z.string().nullish() }).optional(),
})
export type MetaMessagingEvent = z.infer<typeof metaMessagingEventSchema>
