// The channels sample conversations arrive on: one per kind, marked `sample: true` in their config so
// that removing the samples finds exactly them. Their ids and addresses cannot collide with real ones.
import { and, eq, sql } from 'drizzle-orm'
import type { CreateChannel } from '../../shared/schema/channel.ts'
import type { ChannelKind } from '../../shared/schema/common.ts'
import { channelKinds } from '../../shared/schema/common.ts'
import type { Actor } from '../auth/actor.ts'
import { type ChannelRow, createChannel } from '../channels/channel-directory.ts'
import type { Db } from '../db/create-db.ts'
import { channels } from '../db/schema/channels.ts'
import type { SecretBox } from '../security/secret-box.ts'

const names: Record<ChannelKind, string> = {
  whatsapp: 'Sample WhatsApp',
  messenger: 'Sample Messenger',
  instagram: 'Sample Instagram',
  email: 'Sample email',
  chat: 'Sample chat',
  form: 'Sample form',
}

function sampleInput(kind: ChannelKind): CreateChannel {
  const token = 'sample-token-not-a-real-one'
  const configs: Record<ChannelKind, Record<string, unknown>> = {
    whatsapp: {
      phoneNumberId: 'sample-whatsapp',
      businessAccountId: 'sample-waba',
      accessToken: token,
      displayPhoneNumber: '+1 555 0100',
    },
    messenger: { pageId: 'sample-page', pageAccessToken: token },
    instagram: { igUserId: 'sample-ig', pageId: 'sample-ig-page', accessToken: token },
    email: { address: 'sample@helpdesk.invalid', fromName: 'Sample support' },
    chat: {},
    form: {},
  }
  return { kind, name: names[kind], config: { ...configs[kind], sample: true } } as CreateChannel
}

export const sampleChannelCondition = (workspaceId: string) =>
  and(eq(channels.workspaceId, workspaceId), sql`${channels.config} ->> 'sample' = 'true'`)

/** The sample channel of every kind, made when missing. */
export async function ensureSampleChannels(
  db: Db,
  box: SecretBox,
  actor: Actor,
  publicUrl: string,
  now: Date,
): Promise<Map<ChannelKind, ChannelRow>> {
  const existing = await db.select().from(channels).where(sampleChannelCondition(actor.workspaceId))
  const byKind = new Map(existing.map((row) => [row.kind, row]))
  for (const kind of channelKinds) {
    if (byKind.has(kind)) continue
    const made = await createChannel(db, box, actor, sampleInput(kind), publicUrl, now)
    const [row] = await db.select().from(channels).where(eq(channels.id, made.id))
    byKind.set(kind, row!)
  }
  return byKind
}
