// The fake's WhatsApp Cloud API send side: `POST /{v}/{phone-number-id}/messages`
// sends a message (text, template, media, location, contacts, interactive, reaction) or marks an
// inbound one read. Outside the 24 h window free-form messages are refused (sync mode) or accepted and
// reported failed afterwards (async mode): the caller turns `failure` into a status webhook.
import { z } from 'zod'
import { errorAnswer, graphErrors, invalidParameter, parameterError } from './graph-errors.ts'
import type { GraphAnswer } from './graph-request.ts'
import { type MessagingWindow, whatsappOutsideWindow } from './messaging-window.ts'
import { wamid } from './meta-ids.ts'

const messageTypes = ['text', 'template', 'image', 'audio', 'video', 'document', 'sticker'] as const
const otherTypes = ['location', 'contacts', 'interactive', 'reaction'] as const

const media = z
  .looseObject({ id: z.string().optional(), link: z.string().optional(), caption: z.string().max(1024).optional() })
  .refine((m) => (m.id === undefined) !== (m.link === undefined), { message: 'media needs a link or an id' })

const sendSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  recipient_type: z.literal('individual').optional(),
  to: z.string().regex(/^\+?[\d\s()-]{5,24}$/, 'not a phone number or WhatsApp id'),
  type: z.enum([...messageTypes, ...otherTypes]).default('text'),
  context: z.looseObject({ message_id: z.string().min(1) }).optional(),
  biz_opaque_callback_data: z.string().max(512).optional(),
  text: z.looseObject({ body: z.string().min(1).max(4096), preview_url: z.boolean().optional() }).optional(),
  template: z
    .looseObject({
      name: z.string().min(1),
      language: z.looseObject({ code: z.string().min(1) }),
      components: z.array(z.looseObject({ type: z.string() })).optional(),
    })
    .optional(),
  image: media.optional(),
  audio: media.optional(),
  video: media.optional(),
  document: media.optional(),
  sticker: media.optional(),
  location: z.looseObject({ latitude: z.number(), longitude: z.number() }).optional(),
  contacts: z
    .array(z.looseObject({ name: z.looseObject({ formatted_name: z.string() }) }))
    .min(1)
    .optional(),
  interactive: z.looseObject({ type: z.string(), action: z.looseObject({}) }).optional(),
  reaction: z.looseObject({ message_id: z.string().min(1), emoji: z.string() }).optional(),
})

const readSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  status: z.literal('read'),
  message_id: z.string().min(1),
  typing_indicator: z.looseObject({ type: z.literal('text') }).optional(),
})

export interface WhatsAppContext {
  window: MessagingWindow | null
  now: number
}

export interface WhatsAppOutcome {
  answer: GraphAnswer
  /** Set when the message was accepted but must be reported failed (#131047) by a status webhook. */
  failure?: { messageId: string; recipientId: string }
}

/** Answers a Cloud API `/messages` call the way Meta does. */
export function sendWhatsAppMessage(params: Record<string, unknown>, context: WhatsAppContext): WhatsAppOutcome {
  if (params.status !== undefined) {
    const read = readSchema.safeParse(params, { reportInput: true })
    if (!read.success) return { answer: errorAnswer(invalidParameter(read.error.issues, 'whatsapp')) }
    return { answer: { status: 200, body: { success: true } } }
  }
  const parsed = sendSchema.safeParse(params, { reportInput: true })
  if (!parsed.success) return { answer: errorAnswer(invalidParameter(parsed.error.issues, 'whatsapp')) }
  const send = parsed.data
  if (send[send.type] === undefined)
    return { answer: errorAnswer(parameterError(`The parameter ${send.type} is required.`, 'whatsapp')) }

  const outside = context.window !== null && whatsappOutsideWindow(context.window, send, context.now)
  if (outside && context.window?.whatsapp === 'sync') return { answer: errorAnswer(graphErrors.whatsappReEngagement) }

  const recipientId = send.to.replace(/\D/g, '')
  const messageId = wamid()
  const message = send.type === 'template' ? { id: messageId, message_status: 'accepted' } : { id: messageId }
  const answer = {
    status: 200,
    body: { messaging_product: 'whatsapp', contacts: [{ input: send.to, wa_id: recipientId }], messages: [message] },
  }
  return outside ? { answer, failure: { messageId, recipientId } } : { answer }
}
