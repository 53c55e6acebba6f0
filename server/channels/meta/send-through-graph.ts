// Sends a planned request of a Meta channel (Messenger, Instagram, WhatsApp) through the Graph API: opens
// the channel's sealed token, makes the call graph-request.ts describes, and reads the id Meta gave the
// sent message from wherever that API puts it.
import type { ChannelDeps } from '../channel.ts'
import type { ChannelRow } from '../channel-directory.ts'
import type { OutboundRequest } from '../outbound-request.ts'
import type { SendOutcome } from '../send-outcome.ts'
import { graphCallFor } from './graph-request.ts'

export async function sendThroughGraph(
  request: OutboundRequest,
  channel: ChannelRow & { kind: 'messenger' | 'instagram' | 'whatsapp' },
  deps: Pick<ChannelDeps, 'box' | 'graph' | 'graphVersion'>,
): Promise<SendOutcome> {
  const secrets = channel.secrets ? (JSON.parse(deps.box.open(channel.secrets)) as Record<string, string>) : {}
  const token = secrets.pageAccessToken ?? secrets.accessToken
  if (!token) return { ok: false, transient: false, reason: 'The channel has no access token.' }
  const result = await deps.graph.send(
    graphCallFor(request, { kind: channel.kind, config: channel.config, token }, deps.graphVersion),
  )
  if (!result.ok) return { ok: false, transient: result.transient, reason: result.reason }
  return sentId(request, result.body)
}

/** The id Meta gave the sent message: WhatsApp's messages[0].id, a comment's id, else message_id. */
function sentId(request: OutboundRequest, body: Record<string, unknown>): SendOutcome {
  const whatsappId = (body.messages as { id?: unknown }[] | undefined)?.[0]?.id
  const id = request.type === 'whatsapp' ? whatsappId : request.type === 'comment_reply' ? body.id : body.message_id
  return typeof id === 'string' && id
    ? { ok: true, externalId: id }
    : { ok: false, transient: false, reason: 'Meta answered without a message id; the message may not have been sent.' }
}
