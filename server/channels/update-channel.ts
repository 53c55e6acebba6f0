// PATCH of a channel: its name, welcome and away messages, business-hours calendar and (chat) websites. What routes
// deliveries to it (page, number, address) and its secrets stay: a different account is a new channel.
import { and, eq } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { Channel, UpdateChannel } from '../../shared/schema/channel.ts'
import { uuidPattern } from '../../shared/schema/common.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import { requireCalendar } from '../calendars/calendar-directory.ts'
import type { Db } from '../db/create-db.ts'
import { channels } from '../db/schema/channels.ts'
import type { SecretBox } from '../security/secret-box.ts'
import { toChannel } from './channel-directory.ts'

export async function updateChannel(
  db: Db,
  box: SecretBox,
  actor: Actor,
  channelId: string,
  patch: UpdateChannel,
  publicUrl: string,
  now: Date,
): Promise<Channel> {
  return db.transaction(async (tx) => {
    const [row] = uuidPattern.test(channelId)
      ? await tx
          .select()
          .from(channels)
          .where(and(eq(channels.id, channelId), eq(channels.workspaceId, actor.workspaceId)))
          .for('update')
      : []
    if (!row) throw new AppError('not_found', `No channel ${channelId}.`)
    if (patch.calendarId) await requireCalendar(tx, actor.workspaceId, patch.calendarId, 'calendarId')
    if (patch.allowedOrigins !== undefined && row.kind !== 'chat') {
      throw new AppError('invalid_input', 'Only a chat channel has allowedOrigins.', [
        { path: 'allowedOrigins', message: 'Only a chat channel has allowedOrigins.' },
      ])
    }
    const config: Record<string, unknown> = { ...row.config }
    for (const key of ['welcomeMessage', 'awayMessage', 'calendarId', 'allowedOrigins'] as const) {
      if (patch[key] === undefined) continue
      if (patch[key] === null || patch[key] === '') delete config[key]
      else config[key] = patch[key]
    }
    const [updated] = await tx
      .update(channels)
      .set({ config, ...(patch.name ? { name: patch.name } : {}) })
      .where(eq(channels.id, row.id))
      .returning()
    await recordAudit(
      tx,
      [
        {
          workspaceId: actor.workspaceId,
          actorType: 'agent',
          actorId: actor.agentId,
          action: 'channel.updated',
          entityType: 'channel',
          entityId: row.id,
          data: { changed: Object.keys(patch) },
        },
      ],
      now,
    )
    return toChannel(updated!, box, publicUrl)
  })
}
