// The OutboundSender of the outbox dispatcher: finds the row's channel and hands the request to that
// channel's adapter (channels/registry.ts), with the dependencies sending needs.
import type { ChannelDeps } from '../channels/channel.ts'
import { findChannel } from '../channels/channel-directory.ts'
import { channelAdapters } from '../channels/registry.ts'
import type { OutboundSender } from '../channels/send-outcome.ts'

export function createChannelSender(deps: ChannelDeps): OutboundSender {
  return async (channelId, request, { messageId }) => {
    const channel = await findChannel(deps.db, channelId)
    return channelAdapters[channel.kind].send(request, { channel, messageId }, deps)
  }
}
