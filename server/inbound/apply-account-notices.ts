// What Meta says about a channel's account, applied: every admin of the workspace is notified, and a
// template's new review state is written on that template in every channel of its business account
// (one WhatsApp business account may hold several numbers, each a channel), so a rejected, paused or
// disabled template can no longer be chosen until Meta approves it again.
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { ChannelEvent } from '../channels/channel-event.ts'
import type { Db } from '../db/create-db.ts'
import { jsonRecords } from '../db/json-records.ts'
import { agents } from '../db/schema/agents.ts'
import { channels } from '../db/schema/channels.ts'
import { templates } from '../db/schema/templates.ts'
import { notify } from '../notifications/notify.ts'

type AccountNotice = Extract<ChannelEvent, { type: 'account_notice' }>

export async function applyAccountNotices(db: Db, events: readonly ChannelEvent[], now: Date): Promise<void> {
  const notices = events.filter((e): e is AccountNotice => e.type === 'account_notice')
  if (!notices.length) return
  const changes = notices
    .flatMap((n) => (n.template ? [{ w: n.workspaceId, ...n.template, at: n.at }] : []))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
  // One statement per change, in time order, so the latest review wins.
  for (const change of changes)
    await db.execute(sql`
      update ${templates} t set status = v.status
      from ${jsonRecords([change], 'w uuid, "businessAccountId" text, name text, language text, status text')}
      join ${channels} c on c.workspace_id = v.w and c.kind = 'whatsapp' and c.config->>'businessAccountId' = v."businessAccountId"
      where t.channel_id = c.id and t.name = v.name and (v.language is null or t.language = v.language)`)
  const workspaces = [...new Set(notices.map((n) => n.workspaceId))]
  const admins = await db
    .select({ id: agents.id, workspaceId: agents.workspaceId })
    .from(agents)
    .where(and(inArray(agents.workspaceId, workspaces), eq(agents.role, 'admin')))
  const channelNames = await db
    .select({ id: channels.id, name: channels.name })
    .from(channels)
    .where(inArray(channels.id, [...new Set(notices.map((n) => n.channelId))]))
  const nameOf = new Map(channelNames.map((c) => [c.id, c.name]))
  await notify(
    db,
    notices.flatMap((n) =>
      admins
        .filter((a) => a.workspaceId === n.workspaceId)
        .map((a) => ({
          workspaceId: n.workspaceId,
          agentId: a.id,
          kind: 'channel_account' as const,
          ticketId: null,
          body: `${nameOf.get(n.channelId) ?? 'WhatsApp'}: ${n.body}`,
          at: now,
        })),
    ),
  )
}
