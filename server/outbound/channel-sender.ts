// The OutboundSender of the outbox dispatcher: finds the row's channel and hands the request to that
// channel's adapter (channels/registry.ts), with the dependencies sending needs. A sample channel's
// request goes to the built-in simulator instead: it has no real provider behind it.
import type { ChannelDeps } from '../channels/channel.ts'
import { findChannel } from '../channels/channel-directory.ts'
import { channelAdapters } from '../channels/registry.ts'
import { isSampleChannel } from '../channels/sample-channel.ts'
import type { OutboundSender } from '../channels/send-outcome.ts'
import type { SampleSimulator } from '../sample/sample-simulator.ts'

export function createChannelSender(deps: ChannelDeps, simulator: SampleSimulator): OutboundSender {
  return async (channelId, request, { messageId }) => {
    const channel = await findChannel(deps.db, channelId)
    if (isSampleChannel(channel)) return simulator.send(channel, request)
    return channelAdapters[channel.kind].send(request, { channel, messageId }, deps)
  }
}
