// The wire shapes of a WhatsApp Cloud API `messages` change value: the routing
// metadata, the senders' profiles, messages, statuses of what we sent, and system errors; and of
// `smb_message_echoes` (what the business sent from the WhatsApp Business app on a shared number). Lenient
// like the Meta envelope: unknown keys pass, and the arrays stay unknown here so each item is parsed alone.
import { z } from 'zod'
import { metaIdSchema, metaTimeSchema } from '../meta/meta-payload.ts'

export const whatsappValueSchema = z.looseObject({
  metadata: z.looseObject({ phone_number_id: metaIdSchema, display_phone_number: z.string().optional() }),
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
  /** smb_message_echoes: messages with `to` (the customer) besides `from` (the business number). */
  message_echoes: z.array(z.unknown()).optional(),
})

export const whatsappContactSchema = z.looseObject({
  wa_id: z.string().min(1),
  profile: z.looseObject({ name: z.string().optional() }).optional(),
})
export type WhatsappContact = z.infer<typeof whatsappContactSchema>

export const whatsappErrorSchema = z.looseObject({
  code: z.number().optional(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
})
export type WhatsappError = z.infer<typeof whatsappErrorSchema>

const mediaSchema = z.looseObject({
  id: metaIdSchema,
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  /** Documents only. */
  filename: z.string().optional(),
})
export type WhatsappMedia = z.infer<typeof mediaSchema>

const contactCardSchema = z.looseObject({
  name: z.looseObject({ formatted_name: z.string().optional(), first_name: z.string().optional() }).optional(),
  phones: z.array(z.looseObject({ phone: z.string().optional(), wa_id: z.string().optional() })).optional(),
  emails: z.array(z.looseObject({ email: z.string().optional() })).optional(),
})
export type WhatsappContactCard = z.infer<typeof contactCardSchema>

/** A price as Meta writes it: a number, or a numeric string in some recorded payloads. */
const amountSchema = z.union([z.number(), z.string()]).transform(Number).pipe(z.number())

const orderSchema = z.looseObject({
  catalog_id: metaIdSchema.optional(),
  /** What the customer wrote along with the cart. */
  text: z.string().optional(),
  product_items: z
    .array(
      z.looseObject({
        product_retailer_id: metaIdSchema,
        quantity: amountSchema.optional().catch(undefined),
        item_price: amountSchema.optional().catch(undefined),
        currency: z.string().optional(),
      }),
    )
    .default([]),
})
export type WhatsappOrder = z.infer<typeof orderSchema>

/** The id of the message an edit or a revoke changes. */
const originalSchema = z.looseObject({ original_message_id: z.string().min(1).optional() })

export const whatsappMessageSchema = z.looseObject({
  from: z.string().min(1),
  /** Echoes only: the customer the business wrote to. */
  to: z.string().min(1).optional(),
  id: z.string().min(1),
  /** A strange time never costs the message: it takes the delivery's time instead. */
  timestamp: metaTimeSchema.optional().catch(undefined),
  type: z.string(),
  /** The message quoted, or the one whose button was tapped. */
  context: z.looseObject({ id: z.string().optional(), from: z.string().optional() }).optional(),
  text: z.looseObject({ body: z.string() }).optional(),
  image: mediaSchema.optional(),
  audio: mediaSchema.optional(),
  video: mediaSchema.optional(),
  document: mediaSchema.optional(),
  sticker: mediaSchema.optional(),
  location: z
    .looseObject({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  contacts: z.array(contactCardSchema).optional(),
  interactive: z
    .looseObject({
      type: z.string(),
      button_reply: z.looseObject({ id: z.string().optional(), title: z.string() }).optional(),
      list_reply: z.looseObject({ id: z.string().optional(), title: z.string(), description: z.string().optional() }).optional(),
      /** A WhatsApp Flow's answers: response_json is a JSON object as a string. */
      nfm_reply: z
        .looseObject({ name: z.string().optional(), body: z.string().optional(), response_json: z.string().optional() })
        .optional(),
    })
    .optional(),
  order: orderSchema.optional(),
  /** Set by WhatsApp, e.g. a customer's number change (`type` user_changed_number or customer_changed_number). */
  system: z
    .looseObject({
      body: z.string().optional(),
      type: z.string().optional(),
      /** The new number: `wa_id` in older payloads, `new_wa_id` in newer ones. */
      wa_id: z.string().optional(),
      new_wa_id: z.string().optional(),
    })
    .optional(),
  /** The sender changed an earlier message: the new content is a message of its own inside. */
  edit: originalSchema.extend({ message: z.unknown().optional() }).optional(),
  /** The sender deleted an earlier message for everyone. */
  revoke: originalSchema.optional(),
  /** A click-to-WhatsApp ad the customer came from. */
  referral: z
    .looseObject({ source_url: z.string().optional(), headline: z.string().optional(), body: z.string().optional() })
    .optional(),
  /** Why WhatsApp could not pass the message on (type `unsupported`). */
  errors: z.array(whatsappErrorSchema).optional(),
  /** A quick-reply button of a template. */
  button: z.looseObject({ text: z.string(), payload: z.string().optional() }).optional(),
  /** An empty emoji removes the reaction. */
  reaction: z.looseObject({ message_id: z.string(), emoji: z.string().optional() }).optional(),
})
export type WhatsappMessage = z.infer<typeof whatsappMessageSchema>

export const whatsappStatusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  timestamp: metaTimeSchema.optional().catch(undefined),
  recipient_id: z.string().optional(),
  errors: z.array(whatsappErrorSchema).optional(),
})
export type WhatsappStatus = z.infer<typeof whatsappStatusSchema>
