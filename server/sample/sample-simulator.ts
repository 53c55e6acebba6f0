// The built-in stand-in for the providers behind the sample channels (and only them: a real channel
// never reaches it). The sample channels hold no real token or mailbox, so a reply sent to Meta or SMTP
// would fail; instead the simulator accepts it, gives it a message id, and answers the way a provider
// does: the message is delivered, then read, each news arriving as a status event through the same
// ingest as a webhook's, so the agent sees the whole loop (queued → sent → delivered → read).

import type { ChannelRow } from '../channels/channel-directory.ts'
import type { ChannelEvent } from '../channels/channel-event.ts'
import type { OutboundRequest } from '../channels/outbound-request.ts'
import type { SendOutcome } from '../channels/send-outcome.ts'
import type { Clock } from '../clock/clock.ts'
import { newId } from '../db/new-id.ts'
import type { Logger } from '../log.ts'

export interface SampleSimulator {
  send(channel: ChannelRow, request: OutboundRequest): SendOutcome
  /** Drops the statuses not yet delivered (the server is stopping). */
  stop(): void
}

/** After how long the customer's device reports the message delivered, then read. */
const defaultDelays = { delivered: 1_500, read: 4_000 }

export function createSampleSimulator(deps: {
  submit: (event: ChannelEvent) => Promise<unknown>
  clock: Clock
  log: Logger
  delays?: { delivered: number; read: number }
}): SampleSimulator {
  const delays = deps.delays ?? defaultDelays
  const timers = new Set<NodeJS.Timeout>()

  function report(channel: ChannelRow, externalId: string, status: 'delivered' | 'read', afterMs: number): void {
    const timer = setTimeout(() => {
      timers.delete(timer)
      const event: ChannelEvent = {
        type: 'status',
        workspaceId: channel.workspaceId,
        channelId: channel.id,
        externalId,
        status,
        at: deps.clock.now().toISOString(),
        error: null,
      }
      deps.submit(event).catch((error: unknown) => deps.log.warn('the sample simulator could not report a status', { error }))
    }, afterMs)
    timer.unref()
    timers.add(timer)
  }

  return {
    send(channel, request) {
      const externalId = `sample-sent-${request.type}-${newId()}`
      report(channel, externalId, 'delivered', delays.delivered)
      // An email has no read receipt: it stops at delivered, as a real mailbox's report would.
      if (request.type !== 'email') report(channel, externalId, 'read', delays.read)
      return { ok: true, externalId }
    },
    stop() {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
    },
  }
}
