// WhatsApp: deliveries come through the Meta app's webhook (meta-routes.ts routes them here by phone
// number id); a reply is free-form text inside the 24-hour window or an approved template, sent through
// the Graph API.
import type { ChannelAdapter } from '../channel.ts'
import { sendThroughGraph } from '../meta/send-through-graph.ts'
import { notThisChannel } from '../send-outcome.ts'
import { planWhatsappReply } from './plan-whatsapp-reply.ts'

export const whatsappAdapter = {
  kind: 'whatsapp',
  carries: { templates: true, files: false },
  planReply: planWhatsappReply,
  async send(request, { channel }, deps) {
    if (request.type !== 'whatsapp') return notThisChannel('whatsapp', request)
    return sendThroughGraph(request, { ...channel, kind: 'whatsapp' }, deps)
  },
} satisfies ChannelAdapter
