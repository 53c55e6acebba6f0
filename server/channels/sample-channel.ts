// Which channels the sample data made: marked `sample: true` in their config, which the API's channel
// schemas cannot set. Their sends go to the built-in simulator (sample/sample-simulator.ts), never out.
import type { ChannelRow } from './channel-directory.ts'

export const isSampleChannel = (channel: Pick<ChannelRow, 'config'>): boolean =>
  (channel.config as Record<string, unknown>).sample === true
