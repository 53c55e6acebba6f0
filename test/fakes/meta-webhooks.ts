// Meta's webhook deliveries, built exactly as Meta documents them, and sent the way Meta sends
// them: serialised with non-ASCII escaped as lowercase \uXXXX and signed with X-Hub-Signature-256.
// Why one long file: it is the catalogue of delivery shapes, one small builder per shape, read side by
// side with the reference; splitting it would scatter one contract over several places.
//
// Every builder returns one whole delivery (one entry, one event); `combineWebhooks` joins several into
// one POST, as separate entries or merged into one entry. Times (`at`) are Dates or epoch milliseconds,
// written in each product's own unit: Messenger and Instagram milliseconds, comment changes seconds,
// WhatsApp seconds as a string.
import { createHmac, randomBytes } from 'node:crypto'
import { graphObjectId, instagramMid, messengerMid, wamid } from './meta-ids.ts'

type When = Date | number

export interface MetaWebhookBody {
  object: 'page' | 'instagram' | 'whatsapp_business_account'
  entry: MetaEntry[]
}
interface MetaEntry {
  id: string
  time?: number
  messaging?: unknown[]
  standby?: unknown[]
  changes?: { field: string; value: Record<string, unknown> }[]
}

const millis = (at?: When) => (at === undefined ? Date.now() : new Date(at).getTime())
const seconds = (at?: When) => Math.floor(millis(at) / 1000)
const cdnUrl = (host: string) =>
  `https://${host}/v/t1.15752-9/${randomBytes(8).toString('hex')}.jpg?oh=${randomBytes(8).toString('hex')}`

function messagingDelivery<Event>(object: 'page' | 'instagram', entryId: string, time: number, event: Event) {
  return { object, entry: [{ id: entryId, time, messaging: [event] }] }
}

// ---- Messenger (object "page") ----

export interface MessengerParty {
  pageId: string
  /** The customer's page-scoped id. */
  psid: string
  at?: When
}

export interface AttachmentSpec {
  type: string
  url?: string
  stickerId?: number
}

function attachmentsOf(specs: AttachmentSpec[], host: string) {
  return specs.map((spec) =>
    spec.stickerId === undefined
      ? { type: spec.type, payload: { url: spec.url ?? cdnUrl(host) } }
      : { type: spec.type, payload: { url: spec.url ?? cdnUrl(host), sticker_id: spec.stickerId } },
  )
}

/** A customer's text, optionally a quick-reply tap or a reply to one of our messages. */
export function messengerText(
  p: MessengerParty & { text: string; mid?: string; quickReplyPayload?: string; replyToMid?: string },
) {
  const timestamp = millis(p.at)
  const message = {
    mid: p.mid ?? messengerMid(),
    text: p.text,
    ...(p.quickReplyPayload === undefined ? {} : { quick_reply: { payload: p.quickReplyPayload } }),
    ...(p.replyToMid === undefined ? {} : { reply_to: { mid: p.replyToMid } }),
  }
  return messagingDelivery('page', p.pageId, timestamp, {
    sender: { id: p.psid },
    recipient: { id: p.pageId },
    timestamp,
    message,
  })
}

/** Attachments (image, video, audio, file, sticker…); urls default to a Meta CDN-looking url. */
export function messengerAttachment(p: MessengerParty & { attachments: AttachmentSpec[]; mid?: string }) {
  const timestamp = millis(p.at)
  const message = { mid: p.mid ?? messengerMid(), attachments: attachmentsOf(p.attachments, 'scontent.xx.fbcdn.net') }
  return messagingDelivery('page', p.pageId, timestamp, {
    sender: { id: p.psid },
    recipient: { id: p.pageId },
    timestamp,
    message,
  })
}

/** An echo of a message the Page sent (by our app, or by a person in Meta's own inbox). */
export function messengerEcho(p: MessengerParty & { text: string; mid?: string; appId?: number; metadata?: string }) {
  const timestamp = millis(p.at)
  const message = {
    is_echo: true,
    app_id: p.appId ?? 1517776481860111,
    ...(p.metadata === undefined ? {} : { metadata: p.metadata }),
    mid: p.mid ?? messengerMid(),
    text: p.text,
  }
  return messagingDelivery('page', p.pageId, timestamp, {
    sender: { id: p.pageId },
    recipient: { id: p.psid },
    timestamp,
    message,
  })
}

/** Delivery watermark (no top-level timestamp, as in Meta's example); `mids` may be left out. */
export function messengerDelivered(p: MessengerParty & { watermark: When; mids?: string[] }) {
  const delivery = { ...(p.mids === undefined ? {} : { mids: p.mids }), watermark: millis(p.watermark) }
  return messagingDelivery('page', p.pageId, millis(p.at), { sender: { id: p.psid }, recipient: { id: p.pageId }, delivery })
}

/** Read watermark: everything we sent before it has been read. */
export function messengerRead(p: MessengerParty & { watermark: When }) {
  const timestamp = millis(p.at)
  const event = { sender: { id: p.psid }, recipient: { id: p.pageId }, timestamp, read: { watermark: millis(p.watermark) } }
  return messagingDelivery('page', p.pageId, timestamp, event)
}

/** A tap on a postback button. */
export function messengerPostback(p: MessengerParty & { title: string; payload: string; mid?: string; ref?: string }) {
  const timestamp = millis(p.at)
  const postback = {
    mid: p.mid ?? messengerMid(),
    title: p.title,
    payload: p.payload,
    ...(p.ref === undefined ? {} : { referral: { ref: p.ref, source: 'SHORTLINK', type: 'OPEN_THREAD' } }),
  }
  return messagingDelivery('page', p.pageId, timestamp, {
    sender: { id: p.psid },
    recipient: { id: p.pageId },
    timestamp,
    postback,
  })
}

// ---- Instagram (object "instagram") ----

export interface InstagramParty {
  /** The business's Instagram professional account id (entry.id). */
  igUserId: string
  /** The customer's Instagram-scoped id. */
  igsid: string
  at?: When
}

function instagramInbound<Message>(p: InstagramParty, message: Message) {
  const timestamp = millis(p.at)
  return messagingDelivery('instagram', p.igUserId, timestamp, {
    sender: { id: p.igsid },
    recipient: { id: p.igUserId },
    timestamp,
    message,
  })
}

/** A direct message: text, attachments (image, video, share, ig_reel…), or both; may reply to a DM. */
export function instagramDm(
  p: InstagramParty & { text?: string; attachments?: AttachmentSpec[]; mid?: string; replyToMid?: string },
) {
  if (p.text === undefined && p.attachments === undefined) throw new Error('instagramDm needs text or attachments')
  return instagramInbound(p, {
    mid: p.mid ?? instagramMid(),
    ...(p.text === undefined ? {} : { text: p.text }),
    ...(p.attachments === undefined ? {} : { attachments: attachmentsOf(p.attachments, 'lookaside.fbsbx.com') }),
    ...(p.replyToMid === undefined ? {} : { reply_to: { mid: p.replyToMid } }),
  })
}

/** The customer replied to the business's story. */
export function instagramStoryReply(p: InstagramParty & { text: string; storyId: string; storyUrl?: string; mid?: string }) {
  const story = { id: p.storyId, url: p.storyUrl ?? cdnUrl('lookaside.fbsbx.com') }
  return instagramInbound(p, { mid: p.mid ?? instagramMid(), text: p.text, reply_to: { story } })
}

/** The customer mentioned the business in their story. */
export function instagramStoryMention(p: InstagramParty & { url?: string; mid?: string }) {
  const attachments = [{ type: 'story_mention', payload: { url: p.url ?? cdnUrl('lookaside.fbsbx.com') } }]
  return instagramInbound(p, { mid: p.mid ?? instagramMid(), attachments })
}

/** The customer unsent a message: the same mid again, marked deleted. */
export function instagramUnsend(p: InstagramParty & { mid: string }) {
  return instagramInbound(p, { mid: p.mid, is_deleted: true })
}

/** An echo of a message the business sent (Instagram delivers these on the `messages` field). */
export function instagramEcho(p: InstagramParty & { text: string; mid?: string }) {
  const timestamp = millis(p.at)
  const message = { mid: p.mid ?? instagramMid(), text: p.text, is_echo: true }
  return messagingDelivery('instagram', p.igUserId, timestamp, {
    sender: { id: p.igUserId },
    recipient: { id: p.igsid },
    timestamp,
    message,
  })
}

/** A comment on the business's media, in the `changes[]` form (entry time in seconds). */
export function instagramComment(p: {
  igUserId: string
  text: string
  fromId: string
  fromUsername?: string
  commentId?: string
  mediaId?: string
  mediaProductType?: 'FEED' | 'REELS' | 'STORY' | 'AD'
  parentId?: string
  at?: When
}) {
  const value = {
    from: { id: p.fromId, username: p.fromUsername ?? 'customer' },
    media: { id: p.mediaId ?? graphObjectId('178'), media_product_type: p.mediaProductType ?? 'FEED' },
    id: p.commentId ?? graphObjectId('179'),
    ...(p.parentId === undefined ? {} : { parent_id: p.parentId }),
    text: p.text,
  }
  return {
    object: 'instagram' as const,
    entry: [{ id: p.igUserId, time: seconds(p.at), changes: [{ field: 'comments', value }] }],
  }
}

// ---- Facebook Page feed (object "page", field "feed") ----

/** A comment on a Page post. Ids follow Meta's `{page}_{post}` and `{post}_{comment}` forms. */
export function facebookComment(p: {
  pageId: string
  message: string
  fromId: string
  fromName?: string
  postId?: string
  commentId?: string
  parentId?: string
  verb?: 'add' | 'edited' | 'remove'
  at?: When
}) {
  const postId = p.postId ?? `${p.pageId}_${graphObjectId('1')}`
  const value = {
    from: { id: p.fromId, name: p.fromName ?? 'Customer' },
    post_id: postId,
    comment_id: p.commentId ?? `${postId.split('_').pop()}_${graphObjectId('1')}`,
    parent_id: p.parentId ?? postId,
    created_time: seconds(p.at),
    item: 'comment',
    message: p.message,
    verb: p.verb ?? 'add',
  }
  return { object: 'page' as const, entry: [{ id: p.pageId, time: seconds(p.at), changes: [{ field: 'feed', value }] }] }
}

// ---- WhatsApp Cloud API (object "whatsapp_business_account") ----

export interface WhatsAppNumber {
  phoneNumberId: string
  /** The WABA id, entry.id (default: the reference's example). */
  businessAccountId?: string
  displayPhoneNumber?: string
}

export interface WhatsAppInbound extends WhatsAppNumber {
  /** The customer's number, digits only, as Meta writes it. */
  from: string
  /** The customer's profile name (default: their number). */
  name?: string
  /** The message's wamid. */
  id?: string
  at?: When
  /** The wamid this message quotes or answers (adds `context`). */
  contextId?: string
}

function whatsappDelivery<Value>(number: WhatsAppNumber, value: Value) {
  const metadata = { display_phone_number: number.displayPhoneNumber ?? '15550783881', phone_number_id: number.phoneNumberId }
  return {
    object: 'whatsapp_business_account' as const,
    entry: [
      {
        id: number.businessAccountId ?? '102290129340398',
        changes: [{ value: { messaging_product: 'whatsapp', metadata, ...value }, field: 'messages' }],
      },
    ],
  }
}

function whatsappMessage<Type extends string, Content>(p: WhatsAppInbound, type: Type, content: Content) {
  const message = {
    ...(p.contextId === undefined ? {} : { context: { from: p.displayPhoneNumber ?? '15550783881', id: p.contextId } }),
    from: p.from,
    id: p.id ?? wamid(),
    timestamp: String(seconds(p.at)),
    type,
    [type]: content,
  } as { from: string; id: string; timestamp: string; type: Type } & Record<Type, Content>
  return whatsappDelivery(p, { contacts: [{ profile: { name: p.name ?? p.from }, wa_id: p.from }], messages: [message] })
}

/** A text message. */
export function whatsappText(p: WhatsAppInbound & { text: string }) {
  return whatsappMessage(p, 'text', { body: p.text })
}

/** An image, to be fetched through `GET /{media-id}` (register the bytes with the fake's `addMedia`). */
export function whatsappImage(p: WhatsAppInbound & { mediaId: string; mimeType?: string; sha256?: string; caption?: string }) {
  return whatsappMessage(p, 'image', {
    ...(p.caption === undefined ? {} : { caption: p.caption }),
    mime_type: p.mimeType ?? 'image/jpeg',
    sha256: p.sha256 ?? randomBytes(32).toString('hex'),
    id: p.mediaId,
  })
}

/** A shared location. */
export function whatsappLocation(
  p: WhatsAppInbound & { latitude: number; longitude: number; placeName?: string; address?: string },
) {
  return whatsappMessage(p, 'location', {
    latitude: p.latitude,
    longitude: p.longitude,
    ...(p.placeName === undefined ? {} : { name: p.placeName }),
    ...(p.address === undefined ? {} : { address: p.address }),
  })
}

/** A reaction to a message (an empty emoji removes it). */
export function whatsappReaction(p: WhatsAppInbound & { messageId: string; emoji: string }) {
  return whatsappMessage(p, 'reaction', { message_id: p.messageId, emoji: p.emoji })
}

/** A tap on one of our interactive reply buttons or list rows (set `contextId` to our message). */
export function whatsappInteractive(
  p: WhatsAppInbound & { reply: { kind: 'button' | 'list'; id: string; title: string; description?: string } },
) {
  const { kind, id, title, description } = p.reply
  const interactive =
    kind === 'button'
      ? { type: 'button_reply', button_reply: { id, title } }
      : { type: 'list_reply', list_reply: { id, title, ...(description === undefined ? {} : { description }) } }
  return whatsappMessage(p, 'interactive', interactive)
}

export interface WhatsAppStatusError {
  code: number
  title: string
  details?: string
}

const reEngagement: WhatsAppStatusError = {
  code: 131047,
  title: 'Re-engagement message',
  details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
}

/** A status of one of our messages; `failed` carries `error` (default #131047, re-engagement). */
export function whatsappStatus(
  p: WhatsAppNumber & {
    messageId: string
    recipientId: string
    status: 'sent' | 'delivered' | 'read' | 'failed'
    at?: When
    error?: WhatsAppStatusError
  },
) {
  const base = { id: p.messageId, status: p.status, timestamp: String(seconds(p.at)), recipient_id: p.recipientId }
  const error = p.error ?? reEngagement
  const extra =
    p.status === 'failed'
      ? {
          errors: [
            {
              code: error.code,
              title: error.title,
              message: error.title,
              error_data: { details: error.details ?? error.title },
              href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
            },
          ],
        }
      : p.status === 'read'
        ? {}
        : { pricing: { billable: true, pricing_model: 'PMP', category: 'service', type: 'free_customer_service' } }
  return whatsappDelivery(p, { statuses: [{ ...base, ...extra }] })
}

// ---- Several events in one POST ----

/**
 * Joins deliveries of one `object` into one POST. By default each keeps its own entry (Meta batches
 * several entries); with `merge`, entries with the same id become one entry whose `messaging` and
 * `changes` are concatenated, and WhatsApp changes of the same number share one `value` (several
 * `messages[]` / `statuses[]`).
 */
export function combineWebhooks(bodies: MetaWebhookBody[], options: { merge?: boolean } = {}): MetaWebhookBody {
  const object = bodies[0]?.object
  if (!object || bodies.some((body) => body.object !== object)) throw new Error('combineWebhooks needs deliveries of one object')
  const entries: MetaEntry[] = structuredClone(bodies.flatMap((body) => body.entry))
  if (!options.merge) return { object, entry: entries }
  const merged: MetaEntry[] = []
  for (const entry of entries) {
    const same = merged.find((candidate) => candidate.id === entry.id)
    if (!same) merged.push(entry)
    else mergeEntry(same, entry)
  }
  return { object, entry: merged }
}

function mergeEntry(into: MetaEntry, entry: MetaEntry): void {
  if (entry.messaging) into.messaging = [...(into.messaging ?? []), ...entry.messaging]
  if (entry.standby) into.standby = [...(into.standby ?? []), ...entry.standby]
  for (const change of entry.changes ?? []) {
    const numberOf = (value: Record<string, unknown>) =>
      (value.metadata as { phone_number_id?: string } | undefined)?.phone_number_id
    const target = into.changes?.find(
      (c) => c.field === 'messages' && change.field === 'messages' && numberOf(c.value) === numberOf(change.value),
    )
    if (!target) {
      into.changes = [...(into.changes ?? []), change]
      continue
    }
    for (const key of ['contacts', 'messages', 'statuses', 'errors']) {
      const more = change.value[key] as unknown[] | undefined
      if (more) target.value[key] = [...((target.value[key] as unknown[] | undefined) ?? []), ...more]
    }
    const contacts = target.value.contacts as { wa_id: string }[] | undefined
    if (contacts) target.value.contacts = contacts.filter((c, i) => contacts.findIndex((d) => d.wa_id === c.wa_id) === i)
  }
}

// ---- Signing and sending ----

/** `sha256=<hex>`: HMAC-SHA256 of the exact body bytes with the app secret, as X-Hub-Signature-256 carries it. */
export function signMetaBody(rawBody: string, appSecret: string): string {
  return 'sha256=' + createHmac('sha256', appSecret).update(rawBody, 'utf8').digest('hex')
}

/** JSON as Meta writes it: every non-ASCII UTF-16 unit as lowercase `\uXXXX`; `escapeSlashes` also writes `/` as `\/`. */
export function metaJson(body: unknown, options: { escapeUnicode?: boolean; escapeSlashes?: boolean } = {}): string {
  let json = JSON.stringify(body)
  if (options.escapeUnicode ?? true)
    json = json.replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
  if (options.escapeSlashes) json = json.replaceAll('/', '\\/')
  return json
}

export interface PostWebhookOptions {
  /** Escape non-ASCII as Meta does (default true). Applies to objects; a string body is sent byte for byte. */
  escapeUnicode?: boolean
  /** Write `/` as `\/` as well (Meta's PHP-style encoder does this in urls); default false. */
  escapeSlashes?: boolean
  /** Send this X-Hub-Signature-256 instead of the right one; null sends none. */
  signature?: string | null
  /** Retry until a 2xx: wait each of these in turn after a failed attempt (Meta's retry, compressed). */
  retryDelaysMs?: number[]
}

export interface PostedWebhook {
  status: number
  /** The server's answer as text, and parsed when it is JSON. */
  text: string
  body: unknown
  rawBody: string
  signature: string | null
  attempts: number
}

/** The webhook url: a bare server url gets the path `/webhooks/meta`, a full url is kept. */
export function metaWebhookUrl(helpdeskUrl: string): string {
  const url = new URL(helpdeskUrl)
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/webhooks/meta'
  return url.toString()
}

/** POSTs one delivery the way Meta does: escaped JSON, X-Hub-Signature-256 (and the legacy SHA-1 header). */
export async function postSignedWebhook(
  helpdeskUrl: string,
  body: object | string,
  appSecret: string,
  options: PostWebhookOptions = {},
): Promise<PostedWebhook> {
  const rawBody = typeof body === 'string' ? body : metaJson(body, options)
  const signature = options.signature === undefined ? signMetaBody(rawBody, appSecret) : options.signature
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'facebookexternalua' }
  if (signature !== null) {
    headers['x-hub-signature-256'] = signature
    headers['x-hub-signature'] = 'sha1=' + createHmac('sha1', appSecret).update(rawBody, 'utf8').digest('hex')
  }
  const delays = options.retryDelaysMs ?? []
  for (let attempt = 1; ; attempt++) {
    const last = attempt > delays.length
    try {
      const response = await fetch(metaWebhookUrl(helpdeskUrl), { method: 'POST', headers, body: rawBody })
      const text = await response.text()
      if (response.ok || last)
        return { status: response.status, text, body: parseJson(text), rawBody, signature, attempts: attempt }
    } catch (error) {
      if (last) throw error
    }
    await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]))
  }
}

/** Meta's GET verification handshake; a right answer is 200 with exactly the challenge. */
export async function verifyWebhookSubscription(
  helpdeskUrl: string,
  verifyToken: string,
  challenge = String(1_000_000_000 + Math.floor(Math.random() * 1_000_000_000)),
): Promise<{ status: number; text: string; challenge: string }> {
  const url = new URL(metaWebhookUrl(helpdeskUrl))
  url.searchParams.set('hub.mode', 'subscribe')
  url.searchParams.set('hub.challenge', challenge)
  url.searchParams.set('hub.verify_token', verifyToken)
  const response = await fetch(url)
  return { status: response.status, text: await response.text(), challenge }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
