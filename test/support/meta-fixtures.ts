// The recorded Meta deliveries of test/fixtures/meta against a real server: the channels their ids
// route to, a signed POST of one fixture as Meta sends it, and what the agent then sees over REST.
import { readdirSync, readFileSync } from 'node:fs'
import { expect } from 'vitest'
import type { Message } from '../../shared/schema/message.ts'
import { postSignedWebhook } from '../fakes/meta-webhooks.ts'
import type { ApiClient } from './api-client.ts'
import { appSecret, type MetaSetup } from './meta-server.ts'

const directory = new URL('../fixtures/meta/', import.meta.url)

/** The routing ids the fixtures use, as channels of the test workspace. */
export const fixtureChannels = {
  messenger: {
    kind: 'messenger',
    name: 'Blue Jackets page',
    config: { pageId: '102938475610293', pageAccessToken: 'EAAG-page' },
  },
  messenger2: { kind: 'messenger', name: 'Second page', config: { pageId: '200000000000002', pageAccessToken: 'EAAG-page-2' } },
  instagram: {
    kind: 'instagram',
    name: 'Blue Jackets Instagram',
    config: { igUserId: '17841400000000000', pageId: '102938475610293', accessToken: 'IGQV-token' },
  },
  whatsapp: {
    kind: 'whatsapp',
    name: 'WhatsApp +1 555 078 3881',
    config: {
      phoneNumberId: '106540352242922',
      businessAccountId: '102290129340398',
      accessToken: 'EAAG-wa',
      displayPhoneNumber: '+1 555 078 3881',
    },
  },
} as const

/** Creates the fixtures' channels; their ids by name. */
export async function createFixtureChannels(api: ApiClient): Promise<Record<keyof typeof fixtureChannels, string>> {
  const ids = {} as Record<keyof typeof fixtureChannels, string>
  for (const [name, channel] of Object.entries(fixtureChannels)) {
    const created = await api.post('/api/channels', channel)
    expect(created.status).toBe(201)
    ids[name as keyof typeof fixtureChannels] = created.body.channel.id
  }
  return ids
}

export const fixtureNames = (): string[] =>
  readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort()

export const fixtureText = (name: string): string => readFileSync(new URL(`${name}.json`, directory), 'utf8')

/** POSTs one fixture to /webhooks/meta as Meta does (escaped JSON, signed); `edit` may change it first. */
export async function postFixture(setup: MetaSetup, name: string, edit: (text: string) => string = (t) => t) {
  const answer = await postSignedWebhook(setup.server.url, JSON.parse(edit(fixtureText(name))), appSecret)
  expect(answer.status).toBe(200)
  return answer
}

/** Every message of every ticket the admin sees, by the channel's id for it. */
export async function messagesByExternalId(api: ApiClient): Promise<Map<string, Message & { ticketId: string }>> {
  const found = new Map<string, Message & { ticketId: string }>()
  let cursor: string | null = null
  for (let page = 0; page < 50; page++) {
    const list: { body: { items: { id: string }[]; nextCursor: string | null } } = await api.get(
      `/api/tickets?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    )
    for (const ticket of list.body.items) {
      const detail = await api.get(`/api/tickets/${ticket.id}`)
      for (const message of detail.body.messages as Message[])
        if (message.externalId) found.set(message.externalId, { ...message, ticketId: ticket.id })
    }
    cursor = list.body.nextCursor
    if (!cursor) break
  }
  return found
}

/** The one message with this channel id, as the agent sees it. */
export async function messageWith(api: ApiClient, externalId: string) {
  const message = (await messagesByExternalId(api)).get(externalId)
  expect(message, `a message ${externalId}`).toBeDefined()
  return message!
}
