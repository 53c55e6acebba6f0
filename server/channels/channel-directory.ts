// Channels of a workspace: creation (secrets split off and sealed), listing, lookup for webhooks.
import { and, asc, eq, sql } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import { type Channel, type CreateChannel, secretConfigKeys } from '../../shared/schema/channel.ts'
import { uuidPattern } from '../../shared/schema/common.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import { requireCalendar } from '../calendars/calendar-directory.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { channels } from '../db/schema/channels.ts'
import type { SecretBox } from '../security/secret-box.ts'
import { widgetSnippet } from './chat/widget-snippet.ts'

export type ChannelRow = typeof channels.$inferSelect

/** The config key that routes a provider's delivery to this channel; two channels cannot share it. */
const routingKey: Partial<Record<Channel['kind'], string>> = {
  messenger: 'pageId',
  instagram: 'igUserId',
  whatsapp: 'phoneNumberId',
  email: 'address',
}

export async function createChannel(
  db: Db,
  box: SecretBox,
  actor: Actor,
  input: CreateChannel,
  publicUrl: string,
  now: Date,
): Promise<Channel> {
  const config: Record<string, unknown> = {}
  const secrets: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(input.config)) {
    if (secretConfigKeys.includes(key)) secrets[key] = value
    else config[key] = value
  }
  return db.transaction(async (tx) => {
    if (input.config.calendarId) await requireCalendar(tx, actor.workspaceId, input.config.calendarId, 'config.calendarId')
    const key = routingKey[input.kind]
    if (key) {
      // Held to commit, so two admins adding the same page at once cannot both pass the check below.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`channel|${input.kind}|${String(config[key])}`}, 0))`)
      const [taken] = await tx
        .select({ id: channels.id })
        .from(channels)
        .where(and(eq(channels.kind, input.kind), sql`${channels.config} ->> ${key} = ${String(config[key])}`))
      if (taken)
        throw new AppError('conflict', `A ${input.kind} channel with this ${key} exists already.`, { channelId: taken.id })
    }
    const [row] = await tx
      .insert(channels)
      .values({
        id: newId(),
        workspaceId: actor.workspaceId,
        kind: input.kind,
        name: input.name,
        config,
        secrets: Object.keys(secrets).length ? box.seal(JSON.stringify(secrets)) : null,
      })
      .returning()
    await recordAudit(
      tx,
      [
        {
          workspaceId: actor.workspaceId,
          actorType: 'agent',
          actorId: actor.agentId,
          action: 'channel.created',
          entityType: 'channel',
          entityId: row!.id,
          data: { kind: input.kind, name: input.name },
        },
      ],
      now,
    )
    return toChannel(row!, box, publicUrl)
  })
}

export async function listChannels(db: Db, box: SecretBox, workspaceId: string, publicUrl: string): Promise<Channel[]> {
  const list = await db.select().from(channels).where(eq(channels.workspaceId, workspaceId)).orderBy(asc(channels.createdAt))
  return list.map((row) => toChannel(row, box, publicUrl))
}

/** A channel by id, for a webhook: unknown or malformed ids are a 404. */
export async function findChannel(db: Db, channelId: string): Promise<ChannelRow> {
  const [row] = uuidPattern.test(channelId) ? await db.select().from(channels).where(eq(channels.id, channelId)) : []
  if (!row) throw new AppError('not_found', `No channel ${channelId}.`)
  return row
}

export function toChannel(row: ChannelRow, box: SecretBox, publicUrl: string): Channel {
  const secretsSet = row.secrets ? Object.keys(JSON.parse(box.open(row.secrets)) as object) : []
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    config: row.config,
    secretsSet,
    webhookUrl: webhookUrl(row, publicUrl),
    widgetSnippet: row.kind === 'chat' ? widgetSnippet(publicUrl, row.id) : null,
    createdAt: row.createdAt.toISOString(),
  }
}

function webhookUrl(row: ChannelRow, publicUrl: string): string | null {
  if (row.kind === 'form') return `${publicUrl}/webhooks/form/${row.id}`
  if (row.kind === 'messenger' || row.kind === 'instagram' || row.kind === 'whatsapp') return `${publicUrl}/webhooks/meta`
  return null
}
