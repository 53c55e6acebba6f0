// Channel simulator: try the Meta channels without a Meta app. It sends correctly signed Messenger,
// Instagram and WhatsApp webhooks to a running helpdesk, and can run the fake Graph API so replies have
// somewhere to go.
//
//   npm run simulate -- graph-api --port 4010 [--media 2754859441498128=./photo.jpg]
//       (start the helpdesk with META_GRAPH_URL=http://127.0.0.1:4010; every call is printed)
//   npm run simulate -- whatsapp --phone-number-id 106540352242922 --from 16505551234 --name "Sheena" --text "Hi"
//       [--image-id 2754859441498128 --caption "…"] [--reply-to wamid.…] [--waba-id …] [--display-phone-number …]
//   npm run simulate -- whatsapp-status --phone-number-id … --message-id wamid.… --to 16505551234 --status delivered|read|failed
//   npm run simulate -- messenger --page-id … --psid … --text "Is the blue one in stock?"
//   npm run simulate -- instagram --ig-user-id … --igsid … --text "Do you ship to Canada?"
//   npm run simulate -- instagram-comment --ig-user-id … --from-id … [--username dana.w] [--media-id …] --text "How much?"
//   npm run simulate -- facebook-comment --page-id … --from-id … [--from-name "Dana W"] [--post-id …] --text "Price?"
//   npm run simulate -- verify --verify-token …            (Meta's GET handshake)
//
// Every webhook command takes --url (default http://127.0.0.1:3000) and --secret (default $META_APP_SECRET).
import { readFileSync } from 'node:fs'
import { extname } from 'node:path'
import { parseArgs } from 'node:util'
import { startFakeGraphApi } from './graph-api.ts'
import type { CapturedRequest } from './graph-request.ts'
import {
  facebookComment,
  instagramComment,
  instagramDm,
  type MetaWebhookBody,
  messengerText,
  metaWebhookUrl,
  postSignedWebhook,
  verifyWebhookSubscription,
  whatsappImage,
  whatsappStatus,
  whatsappText,
} from './meta-webhooks.ts'

const flags = [
  'url',
  'secret',
  'port',
  'media',
  'phone-number-id',
  'waba-id',
  'display-phone-number',
  'from',
  'name',
  'text',
  'image-id',
  'caption',
  'reply-to',
  'message-id',
  'to',
  'status',
  'page-id',
  'psid',
  'ig-user-id',
  'igsid',
  'from-id',
  'username',
  'from-name',
  'media-id',
  'post-id',
  'verify-token',
] as const
const options = Object.fromEntries(flags.map((flag) => [flag, { type: 'string', multiple: flag === 'media' }] as const))

type Args = Record<string, string | string[] | undefined>

function required(args: Args, name: string): string {
  const value = args[name]
  if (typeof value !== 'string' || value === '') throw new Error(`--${name} is required`)
  return value
}
const optional = (args: Args, name: string) => (typeof args[name] === 'string' ? (args[name] as string) : undefined)

const webhookBuilders: Record<string, (args: Args) => MetaWebhookBody> = {
  whatsapp: (args) => {
    const sender = {
      phoneNumberId: required(args, 'phone-number-id'),
      businessAccountId: optional(args, 'waba-id'),
      displayPhoneNumber: optional(args, 'display-phone-number'),
      from: required(args, 'from'),
      name: optional(args, 'name'),
      contextId: optional(args, 'reply-to'),
    }
    const imageId = optional(args, 'image-id')
    if (imageId) return whatsappImage({ ...sender, mediaId: imageId, caption: optional(args, 'caption') })
    return whatsappText({ ...sender, text: required(args, 'text') })
  },
  'whatsapp-status': (args) => {
    const status = required(args, 'status')
    if (status !== 'sent' && status !== 'delivered' && status !== 'read' && status !== 'failed') {
      throw new Error('--status is sent, delivered, read or failed')
    }
    return whatsappStatus({
      phoneNumberId: required(args, 'phone-number-id'),
      businessAccountId: optional(args, 'waba-id'),
      displayPhoneNumber: optional(args, 'display-phone-number'),
      messageId: required(args, 'message-id'),
      recipientId: required(args, 'to'),
      status,
    })
  },
  messenger: (args) =>
    messengerText({ pageId: required(args, 'page-id'), psid: required(args, 'psid'), text: required(args, 'text') }),
  instagram: (args) =>
    instagramDm({ igUserId: required(args, 'ig-user-id'), igsid: required(args, 'igsid'), text: required(args, 'text') }),
  'instagram-comment': (args) =>
    instagramComment({
      igUserId: required(args, 'ig-user-id'),
      fromId: required(args, 'from-id'),
      fromUsername: optional(args, 'username'),
      mediaId: optional(args, 'media-id'),
      text: required(args, 'text'),
    }),
  'facebook-comment': (args) =>
    facebookComment({
      pageId: required(args, 'page-id'),
      fromId: required(args, 'from-id'),
      fromName: optional(args, 'from-name'),
      postId: optional(args, 'post-id'),
      message: required(args, 'text'),
    }),
}

async function sendWebhook(command: string, args: Args): Promise<void> {
  const url = optional(args, 'url') ?? 'http://127.0.0.1:3000'
  const secret = optional(args, 'secret') ?? process.env.META_APP_SECRET
  if (!secret) throw new Error('--secret is required (or set META_APP_SECRET)')
  const body = webhookBuilders[command]!(args)
  console.log(`POST ${metaWebhookUrl(url)}\n${JSON.stringify(body, null, 2)}`)
  const posted = await postSignedWebhook(url, body, secret)
  console.log(`\n→ ${posted.status} ${posted.text}`)
  if (posted.status >= 300) process.exitCode = 1
}

async function verify(args: Args): Promise<void> {
  const url = optional(args, 'url') ?? 'http://127.0.0.1:3000'
  const result = await verifyWebhookSubscription(url, required(args, 'verify-token'))
  const accepted = result.status === 200 && result.text === result.challenge
  console.log(`GET handshake with challenge ${result.challenge} → ${result.status} ${JSON.stringify(result.text)}`)
  console.log(accepted ? 'verified' : 'refused')
  if (!accepted) process.exitCode = 1
}

const mimeTypes: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.mp4': 'video/mp4',
  '.ogg': 'audio/ogg',
}

async function runGraphApi(args: Args): Promise<void> {
  const print = (request: CapturedRequest) => {
    const query = new URLSearchParams(request.query).toString()
    console.log(`\n${request.method} ${request.path}${query ? '?' + query : ''} → ${request.response?.status ?? '?'}`)
    if (request.body !== null) console.log(JSON.stringify(request.body, null, 2))
    console.log('answer:', JSON.stringify(request.response?.body))
  }
  const fake = await startFakeGraphApi({ port: Number(optional(args, 'port') ?? 4010), onRequest: print })
  for (const spec of (args.media as string[] | undefined) ?? []) {
    const [id, path] = spec.split('=')
    if (!id || !path) throw new Error('--media is ID=FILE')
    fake.addMedia(id, readFileSync(path), mimeTypes[extname(path).toLowerCase()] ?? 'application/octet-stream')
    console.log(`media ${id}: ${path}`)
  }
  console.log(`Fake Graph API on ${fake.url}: start the helpdesk with META_GRAPH_URL=${fake.url}  (Ctrl-C to stop)`)
  await new Promise<void>((resolve) => process.once('SIGINT', resolve))
  await fake.close()
}

const wantsHelp = process.argv.includes('--help') || process.argv.includes('-h')
const { positionals, values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--help' && a !== '-h'),
  options,
  allowPositionals: true,
})
const command = positionals[0] ?? ''
try {
  if (wantsHelp || command === '' || command === 'help') {
    // The usage is the comment at the top of this file.
    const usage = readFileSync(new URL(import.meta.url), 'utf8').split('\nimport ')[0]!
    console.log(usage.replace(/^\/\/ ?/gm, ''))
  } else if (command === 'graph-api') await runGraphApi(values)
  else if (command === 'verify') await verify(values)
  else if (command in webhookBuilders) await sendWebhook(command, values)
  else throw new Error(`unknown command "${command}": one of graph-api, verify, ${Object.keys(webhookBuilders).join(', ')}`)
} catch (error) {
  // Usage mistakes and an unreachable server are told in a line; anything else with its stack.
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
  const usage = error instanceof Error && (error.message.startsWith('--') || error.message.startsWith('unknown command'))
  console.error(usage || cause ? `${(error as Error).message}${cause}` : error)
  process.exitCode = 1
}
