// Every Meta fixture (test/fixtures/meta) replayed through the real endpoint, one signed POST each, and
// judged one by one: each part is stored (the agent finds the message over REST, readable, with no
// U+FFFD the source did not have; a change shows on the message it names; a notice reaches the admins)
// or refused with a reason in the log. A fixture that yields neither must be one ignored by design.
import { beforeAll, expect, test } from 'vitest'
import type { ChannelEvent } from '../../server/channels/channel-event.ts'
import type { MetaRoute } from '../../server/channels/meta/meta-normalise-context.ts'
import { normaliseMetaDelivery } from '../../server/channels/meta/normalise-meta-delivery.ts'
import {
  createFixtureChannels,
  fixtureChannels,
  fixtureNames,
  fixtureText,
  messagesByExternalId,
  postFixture,
} from '../support/meta-fixtures.ts'
import { useMetaServer } from '../support/meta-server.ts'

const setup = useMetaServer()
/** Deliveries with nothing for an inbox (an ad referral alone): neither stored nor a problem. */
const ignoredByDesign = new Set(['messenger-referral'])

interface Replayed {
  name: string
  events: ChannelEvent[]
  reasons: string[]
  log: string
}
const replayed: Replayed[] = []

beforeAll(async () => {
  const ids = await createFixtureChannels(setup.api)
  const table = new Map<string, string>()
  for (const [name, channel] of Object.entries(fixtureChannels)) {
    const id = ids[name as keyof typeof ids]
    const config = channel.config as Record<string, string>
    const routingId = config.pageId && channel.kind === 'messenger' ? config.pageId : (config.igUserId ?? config.phoneNumberId)
    table.set(`${channel.kind}:${routingId}`, id)
    if (channel.kind === 'whatsapp') table.set(`whatsapp_account:${config.businessAccountId}`, id)
  }
  // The same routing the server does, to know what each fixture should become.
  const route: MetaRoute = (kind, routingId) => {
    const id = table.get(`${kind}:${routingId}`)
    return id ? { id, workspaceId: 'workspace' } : null
  }
  for (const name of fixtureNames()) {
    const before = setup.server.output().length
    await postFixture(setup, name)
    const { events, problems } = normaliseMetaDelivery(JSON.parse(fixtureText(name)), route, new Date())
    replayed.push({ name, events, reasons: problems.map((p) => p.reason), log: setup.server.output().slice(before) })
  }
}, 300_000)

test('every fixture is stored or refused with a reason, readable, without U+FFFD it did not have', async () => {
  expect(replayed.length).toBeGreaterThanOrEqual(50)
  const messages = await messagesByExternalId(setup.api)
  const notices = new Set(
    (await setup.api.get('/api/notifications?limit=200')).body.items.map((n: { body: string }) => n.body.replace(/^[^:]*: /, '')),
  )
  for (const { name, events, reasons, log } of replayed) {
    const sourceHasReplacement = /\uFFFD|\\ufffd/i.test(fixtureText(name))
    if (!events.length && !reasons.length) expect(ignoredByDesign, `${name} yields nothing`).toContain(name)
    for (const reason of reasons) expect(log, `${name}: ${reason} logged`).toContain(`meta webhook: ${reason}`)
    for (const event of events) {
      const where = `${name}: ${event.type}`
      if (event.type === 'message') {
        const stored = messages.get(event.message.externalId)
        // A business reply to a comment we never stored has no ticket; its raw event is kept.
        if (!stored && event.message.contact.identities.length === 0) continue
        expect(stored, `${where} ${event.message.externalId} stored`).toBeDefined()
        expect(stored!.body.trim() !== '' || stored!.attachments.length > 0, `${where} readable`).toBe(true)
        if (!sourceHasReplacement) expect(stored!.body, `${where} without U+FFFD`).not.toContain('\uFFFD')
      } else if (event.type === 'edited') {
        const target = messages.get(event.externalId)
        if (target) expect(target.editHistory.length, `${where} applied`).toBeGreaterThan(0)
      } else if (event.type === 'deleted') {
        const target = messages.get(event.externalId)
        if (target) expect(target.deletedAt, `${where} applied`).not.toBeNull()
      } else if (event.type === 'reaction') {
        const target = messages.get(event.externalId)
        if (target && event.emoji)
          expect(
            target.reactions.map((r) => r.emoji),
            `${where} applied`,
          ).toContain(event.emoji)
      } else if (event.type === 'account_notice') {
        expect(notices, `${where} told the admins`).toContain(event.body)
      }
    }
  }
})
