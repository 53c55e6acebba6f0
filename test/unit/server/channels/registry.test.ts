import { expect, test } from 'vitest'
import type { ChannelDeps } from '../../../../server/channels/channel.ts'
import type { ChannelRow } from '../../../../server/channels/channel-directory.ts'
import type { OutboundRequest } from '../../../../server/channels/outbound-request.ts'
import { channelAdapters } from '../../../../server/channels/registry.ts'
import { channelKinds } from '../../../../shared/schema/common.ts'

const chatRequest: OutboundRequest = { type: 'chat', visitorId: 'v1', text: 'Hi', fallbackEmail: null }
const emailRequest: OutboundRequest = {
  type: 'email',
  from: { address: 'help@shop.example', name: null },
  to: 'kim@example.com',
  cc: [],
  subject: 'Re: Hi [#1]',
  text: 'Hi',
  html: null,
  messageId: '<m1@shop.example>',
  inReplyTo: null,
  references: [],
  automatic: false,
  attachmentIds: [],
}

test('every channel kind has an adapter of that kind', () => {
  for (const kind of channelKinds) expect(channelAdapters[kind].kind).toBe(kind)
})

test.each(channelKinds)('the %s adapter refuses, as a final outcome, a request of another channel', async (kind) => {
  const foreign = kind === 'chat' ? emailRequest : chatRequest
  const channel = { id: 'c1', workspaceId: 'w1', kind } as ChannelRow
  const outcome = await channelAdapters[kind].send(foreign, { channel, messageId: 'm1' }, {} as ChannelDeps)
  expect(outcome).toEqual({ ok: false, transient: false, reason: expect.stringContaining(`${kind} channel`) })
})
