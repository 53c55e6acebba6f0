// Live chat: a visitor's message comes over the chat hub's socket; a reply goes to the visitor's open
// widget, or by email to the address they left once they are gone.
import type { ChannelAdapter } from '../channel.ts'
import { notThisChannel } from '../send-outcome.ts'
import { sendChatByEmail } from './chat-email-fallback.ts'
import { type ChatDelivery, normaliseChat } from './chat-normalise.ts'
import { sendChat } from './chat-sender.ts'
import { planChatReply } from './plan-chat-reply.ts'

export const chatAdapter = {
  kind: 'chat',
  carries: { templates: false, files: false },
  normalise: normaliseChat,
  planReply: planChatReply,
  async send(request, target, deps) {
    if (request.type !== 'chat') return notThisChannel('chat', request)
    const live = await sendChat(deps.db, deps.chat, request, target.messageId)
    return live.ok || !request.fallbackEmail ? live : sendChatByEmail(deps, request, target)
  },
} satisfies ChannelAdapter<ChatDelivery>
