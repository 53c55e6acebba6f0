// POST /api/channels/:id/templates/sync: the WhatsApp Business Account's templates, read from Meta page by
// page (GET /{waba-id}/message_templates), kept with their review status and category. Every page is read
// before anything is written, then all of it is written in one transaction: a failed read leaves the
// templates as they were. A template Meta no longer lists is left as it is (one added here by hand stays).
import { sql } from 'drizzle-orm'
import { AppError } from '../../../shared/errors.ts'
import type { TemplateSync } from '../../../shared/schema/reply.ts'
import { recordAudit } from '../../audit/audit-entry.ts'
import type { Actor } from '../../auth/actor.ts'
import type { Db } from '../../db/create-db.ts'
import { newId } from '../../db/new-id.ts'
import { templates } from '../../db/schema/templates.ts'
import type { SecretBox } from '../../security/secret-box.ts'
import type { ChannelRow } from '../channel-directory.ts'
import type { GraphClient } from '../meta/graph-client.ts'
import { type MetaTemplate, readTemplatePage, templateFields } from './whatsapp-template-page.ts'
import { listTemplates } from './whatsapp-templates.ts'

export interface TemplateSyncDeps {
  db: Db
  graph: Pick<GraphClient, 'read'>
  graphVersion: string
  box: SecretBox
}

/** A WABA with more templates than this is read no further (Meta allows 250 per account; 100 a page). */
const maxPages = 20

export async function syncTemplates(deps: TemplateSyncDeps, actor: Actor, channel: ChannelRow, now: Date): Promise<TemplateSync> {
  if (channel.kind !== 'whatsapp') throw new AppError('invalid_input', 'Templates belong to WhatsApp channels.')
  const accountId = typeof channel.config.businessAccountId === 'string' ? channel.config.businessAccountId : ''
  const secrets = channel.secrets ? (JSON.parse(deps.box.open(channel.secrets)) as Record<string, string>) : {}
  if (!accountId || !secrets.accessToken)
    throw new AppError('invalid_input', 'The channel needs its business account ID and access token to read templates from Meta.')
  const found = await readAllTemplates(deps, accountId, secrets.accessToken)

  return deps.db.transaction(async (tx) => {
    const written = found.length
      ? await tx
          .insert(templates)
          .values(
            found.map((t) => ({ id: newId(), workspaceId: channel.workspaceId, channelId: channel.id, ...t, createdAt: now })),
          )
          .onConflictDoUpdate({
            target: [templates.channelId, templates.name, templates.language],
            set: { body: sql`excluded.body`, status: sql`excluded.status`, category: sql`excluded.category` },
            // Only rows Meta changed are rewritten (and counted as updated).
            setWhere: sql`(${templates.body}, ${templates.status}, ${templates.category}) is distinct from (excluded.body, excluded.status, excluded.category)`,
          })
          .returning({ id: templates.id, inserted: sql<boolean>`xmax = 0` })
      : []
    const added = written.filter((w) => w.inserted).length
    const counts = { added, updated: written.length - added, unchanged: found.length - written.length }
    await recordAudit(
      tx,
      [
        {
          workspaceId: actor.workspaceId,
          actorType: 'agent',
          actorId: actor.agentId,
          action: 'template.synced',
          entityType: 'channel',
          entityId: channel.id,
          data: counts,
        },
      ],
      now,
    )
    return { items: await listTemplates(tx, channel.id), ...counts }
  })
}

async function readAllTemplates(deps: TemplateSyncDeps, accountId: string, token: string): Promise<MetaTemplate[]> {
  const all = new Map<string, MetaTemplate>()
  let after: string | null = null
  for (let page = 0; page < maxPages; page++) {
    const query = new URLSearchParams({ fields: templateFields, limit: '100', ...(after ? { after } : {}) })
    const path = `/${deps.graphVersion}/${encodeURIComponent(accountId)}/message_templates?${query}`
    const answer = await deps.graph.read(path, token)
    if (!answer.ok)
      throw new AppError('provider_error', `Could not read the templates from Meta: ${answer.reason}`, { graphCode: answer.code })
    const read = readTemplatePage(answer.body)
    if (!read) throw new AppError('provider_error', 'Meta answered the template list in a form this server does not know.')
    // One row per name and language, as kept here.
    for (const t of read.templates) all.set(`${t.name}|${t.language}`, t)
    after = read.after
    if (!after) break
  }
  return [...all.values()]
}
