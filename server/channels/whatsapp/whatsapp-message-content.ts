// What a WhatsApp message says, by its type: the body an agent reads and the attachments. Media are not
// fetched here: the attachment URL is `wa-media:<media id>` for a later step to resolve, and the
// sha256 stays in the message's raw payload. A type we do not know becomes a placeholder, never a loss.
import type { Attachment } from '../../../shared/schema/message.ts'
import type { WhatsappContactCard, WhatsappMessage } from './whatsapp-payload.ts'

export interface WhatsappContent {
  body: string
  attachments: Attachment[]
}

const mediaTypes = { image: 'image', audio: 'audio', video: 'video', document: 'file', sticker: 'sticker' } as const

export function whatsappContent(message: WhatsappMessage): WhatsappContent {
  const content = knownContent(message)
  return content ?? { body: `(unsupported message: ${message.type})`, attachments: [] }
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
  if (type === 'interactive') {
    const reply = message.interactive?.button_reply ?? message.interactive?.list_reply
    return reply ? { body: reply.title, attachments: [] } : null
  }
  if (type === 'button' && message.button) return { body: message.button.text, attachments: [] }
  if (type === 'reaction' && message.reaction) {
    const { emoji } = message.reaction
    return { body: emoji ? `Reacted ${emoji}` : 'Removed a reaction', attachments: [] }
  }
  return null
}

function describeCard(card: WhatsappContactCard): { name: string; summary: string } {
  const name = card.name?.formatted_name ?? card.name?.first_name ?? 'Unnamed'
  const reach = [...(card.phones ?? []).map((p) => p.phone), ...(card.emails ?? []).map((e) => e.email)].filter(Boolean)
  return { name, summary: reach.length ? `${name} (${reach.join(', ')})` : name }
}
