// Sample conversations, one or two per channel, for trying the inbox on an empty database. Pure data.
import type { ChannelKind } from '../../shared/schema/common.ts'
import type { Identity } from '../../shared/schema/contact.ts'
import { samplePostId } from './sample-post.ts'

export interface SampleConversation {
  kind: ChannelKind
  customer: string
  identities: Identity[]
  subject: string | null
  /** A post's public comments are a thread of their own (`comment:<media id>`); default the direct one. */
  thread?: string
  /** The customer's messages, oldest first, minutes apart. */
  messages: string[]
}

export const sampleConversations: SampleConversation[] = [
  {
    kind: 'whatsapp',
    customer: 'Sheena Nelson',
    identities: [{ kind: 'whatsapp', value: '15550100001' }],
    subject: null,
    messages: ['Hi! Is the blue jacket back in stock?', 'Size M, if that matters 🙂'],
  },
  {
    kind: 'whatsapp',
    customer: '山田 花子',
    identities: [{ kind: 'whatsapp', value: '819012345678' }],
    subject: null,
    messages: ['注文した商品がまだ届いていません。注文番号は 10482 です。'],
  },
  {
    kind: 'messenger',
    customer: 'Lucas Martin',
    identities: [{ kind: 'messenger', value: 'sample-psid-7392' }],
    subject: null,
    messages: ['Hello, can I change the delivery address of my order?'],
  },
  {
    kind: 'instagram',
    customer: 'dana.designs',
    identities: [{ kind: 'instagram', value: 'sample-igsid-900' }],
    subject: null,
    messages: ['Love the new collection! Do you ship to Canada?'],
  },
  {
    kind: 'instagram',
    customer: 'noah.outdoors',
    identities: [{ kind: 'instagram', value: 'sample-igsid-901' }],
    subject: 'Comment on an Instagram post',
    thread: `comment:${samplePostId}`,
    messages: ['Is this jacket waterproof? Asking for a hike next week 👀'],
  },
  {
    kind: 'email',
    customer: 'Priya Raman',
    identities: [{ kind: 'email', value: 'priya.raman@example.com' }],
    subject: 'Refund for order 10391',
    messages: ['Hello,\n\nThe shoes I received are a size too small. How do I get a refund?\n\nThanks,\nPriya'],
  },
  {
    kind: 'chat',
    customer: 'Website visitor',
    identities: [{ kind: 'chat', value: 'sample-visitor-1' }],
    subject: null,
    messages: ['Hi, is anyone there?', 'I cannot find the size guide on the product page.'],
  },
  {
    kind: 'form',
    customer: 'Tomás García',
    identities: [{ kind: 'email', value: 'tomas.garcia@example.com' }],
    subject: 'Wholesale enquiry',
    messages: ['We run a small shop in Valencia and would like to stock your bags. Do you sell wholesale?'],
  },
]
