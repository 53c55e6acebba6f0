// What a WhatsApp message says, by its type: the body an agent reads and the attachments. Media are not
// fetched here: the attachment URL is `wa-media:<media id>` for a later step to resolve, and the
// sha256 stays in the message's raw payload. Orders and Flow answers are written out; a type we do not
// know says its type and what WhatsApp sent with it (its errors, or the content itself), never nothing.
// Edits, revokes, reactions and number changes are not messages: normalise-whatsapp.ts handles them.
import type { Attachment } from '../../../shared/schema/message.ts'
import { flowReplyText } from './whatsapp-flow-reply.ts'
import { orderText } from './whatsapp-order-text.ts'
import type { WhatsappContactCard, WhatsappError, WhatsappMessage } from './whatsapp-payload.ts'

export interface WhatsappContent {
  body: string
  attachments: Attachment[]
}

const mediaTypes = { image: 'image', audio: 'audio', video: 'video', document: 'file', sticker: 'sticker' } as const
/** How much of an unknown type's content is shown; the whole payload stays in raw. */
const unknownContentChars = 500

export function whatsappContent(message: WhatsappMessage): WhatsappContent {
  const content = knownContent(message)
  if (!content) return { body: unknownText(message), attachments: [] }
  const ad = message.referral
  if (!ad?.source_url && !ad?.headline) return content
  const from = `(came from the ad ${[ad.headline && `“${ad.headline}”`, ad.source_url].filter(Boolean).join(' ')})`
  return { ...content, body: [content.body, from].filter(Boolean).join('\n') }
}

function knownContent(message: WhatsappMessage): WhatsappContent | null {
  const { type } = message
  if (type === 'text' && message.text) return { body: message.text.body, attachments: [] }
  if (type === 'image' || type === 'audio' || type === 'video' || type === 'document' || type === 'sticker') {
    const media = message[type]
    if (!media) return null
    const attachment: Attachment = {
      type: mediaTypes[type],
      url: `wa-media:${media.id}`,
      name: media.filename ?? null,
      mimeType: media.mime_type ?? null,
    }
    return { body: media.caption ?? '', attachments: [attachment] }
  }
  if (type === 'location' && message.location) {
    const { latitude, longitude, name, address } = message.location
    const place = [name, address].filter(Boolean).join(', ')
    const body = `📍 ${place ? `${place} ` : ''}(${latitude}, ${longitude})`
    return { body, attachments: [{ type: 'location', url: `geo:${latitude},${longitude}`, name: name ?? null }] }
  }
  if (type === 'contacts' && message.contacts?.length) {
    const cards = message.contacts.map(describeCard)
    const body = `${cards.length === 1 ? 'Contact' : 'Contacts'}: ${cards.map((card) => card.summary).join('; ')}`
    return { body, attachments: cards.map((card) => ({ type: 'contact', url: null, name: card.name })) }
  }
  if (type === 'interactive' && message.interactive) {
    const { button_reply, list_reply, nfm_reply } = message.interactive
    if (button_reply) return { body: button_reply.title, attachments: [] }
    if (list_reply) return { body: [list_reply.title, list_reply.description].filter(Boolean).join(' — '), attachments: [] }
    if (nfm_reply) return { body: flowReplyText(nfm_reply), attachments: [] }
    return null
  }
  if (type === 'button' && message.button) return { body: message.button.text, attachments: [] }
  if (type === 'order' && message.order) return { body: orderText(message.order), attachments: [] }
  if (type === 'system' && message.system?.body) return { body: message.system.body, attachments: [] }
  if (type === 'request_welcome') return { body: '(opened the chat)', attachments: [] }
  return null
}

/** "(unsupported message: unsupported) 131051 Message type unknown: Message type is currently not supported." */
function unknownText(message: WhatsappMessage): string {
  const head = `(unsupported message: ${message.type})`
  if (message.errors?.length) return `${head} ${message.errors.map(describeWhatsappError).join('; ')}`
  const content = (message as Record<string, unknown>)[message.type]
  if (content === undefined || content === null) return head
  // By code points, so a cut never splits an emoji in two.
  const json = [...JSON.stringify(content)]
  return `${head} ${json.length > unknownContentChars ? `${json.slice(0, unknownContentChars - 1).join('')}…` : json.join('')}`
}

/** "131047 Re-engagement message: Message failed to send because…" */
export function describeWhatsappError(error: WhatsappError): string {
  const head = [error.code, error.title ?? error.message].filter((part) => part !== undefined).join(' ')
  const details = error.error_data?.details
  return details && details !== head ? `${head}: ${details}` : head
}

function describeCard(card: WhatsappContactCard): { name: string; summary: string } {
  const name = card.name?.formatted_name ?? card.name?.first_name ?? 'Unnamed'
  const reach = [...(card.phones ?? []).map((p) => p.phone), ...(card.emails ?? []).map((e) => e.email)].filter(Boolean)
  return { name, summary: reach.length ? `${name} (${reach.join(', ')})` : name }
}
