// Messenger and Instagram: one Meta app's webhook brings both (meta-routes.ts routes each item to its
// channel), and a reply is planned under Meta's windows and sent through the Graph API.
import type { ChannelAdapter } from '../channel.ts'
import { notThisChannel } from '../send-outcome.ts'
import { planMetaReply } from './plan-meta-reply.ts'
import { sendThroughGraph } from './send-through-graph.ts'

const socialRequests = new Set(['dm', 'private_reply', 'comment_reply'])

function metaAdapter<Kind extends 'messenger' | 'instagram'>(kind: Kind): ChannelAdapter & { kind: Kind } {
  return {
    kind,
    carries: { templates: false, files: false },
    planReply: (reply) => planMetaReply(reply, kind),
    async send(request, { channel }, deps) {
      if (!socialRequests.has(request.type)) return notThisChannel(kind, request)
      return sendThroughGraph(request, { ...channel, kind }, deps)
    },
  }
}

export const messengerAdapter = metaAdapter('messenger')
export const instagramAdapter = metaAdapter('instagram')
