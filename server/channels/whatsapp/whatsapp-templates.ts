// WhatsApp message templates of a channel: created by admins, listed, found by name and language,
// and rendered with their {{n}} parameters into the text the thread shows.
import { and, asc, eq } from 'drizzle-orm'
import { AppError } from '../../../shared/errors.ts'
import type { Template, TemplateUse } from '../../../shared/schema/reply.ts'
import { recordAudit } from '../../audit/audit-entry.ts'
import type { Actor } from '../../auth/actor.ts'
import type { Db } from '../../db/create-db.ts'
import { newId } from '../../db/new-id.ts'
import { templates } from '../../db/schema/templates.ts'
import type { ChannelRow } from '../channel-directory.ts'

type TemplateRow = typeof templates.$inferSelect

/** The highest {{n}} in a template body: how many parameters it takes. */
export function paramCount(body: string): number {
  return Math.max(0, ...[...body.matchAll(/\{\{\s*(\d+)\s*\}\}/g)].map((m) => Number(m[1])))
}

export function renderTemplate(body: string, params: readonly string[]): string {
  return body.replace(/\{\{\s*(\d+)\s*\}\}/g, (_, n: string) => params[Number(n) - 1] ?? '')
}

function toTemplate(row: TemplateRow): Template {
  return {
    id: row.id,
    channelId: row.channelId,
    name: row.name,
    language: row.language,
    body: row.body,
    paramCount: paramCount(row.body),
    status: row.status,
    category: row.category,
    createdAt: row.createdAt.toISOString(),
  }
}

export async function createTemplate(
  db: Db,
  actor: Actor,
  channel: ChannelRow,
  input: { name: string; language: string; body: string },
  now: Date,
): Promise<Template> {
  if (channel.kind !== 'whatsapp') throw new AppError('invalid_input', 'Templates belong to WhatsApp channels.')
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(templates)
      .values({ id: newId(), workspaceId: channel.workspaceId, channelId: channel.id, ...input })
      .onConflictDoNothing()
      .returning()
    if (!row) throw new AppError('conflict', `The template ${input.name} (${input.language}) exists already on this channel.`)
    await recordAudit(
      tx,
      [
        {
          workspaceId: actor.workspaceId,
          actorType: 'agent',
          actorId: actor.agentId,
          action: 'template.created',
          entityType: 'channel',
          entityId: channel.id,
          data: { templateId: row.id, name: row.name, language: row.language },
        },
      ],
      now,
    )
    return toTemplate(row)
  })
}

export async function listTemplates(db: Db, channelId: string): Promise<Template[]> {
  const list = await db
    .select()
    .from(templates)
    .where(eq(templates.channelId, channelId))
    .orderBy(asc(templates.name), asc(templates.language))
  return list.map(toTemplate)
}

/** The template a reply names, rendered; 422 unknown_template (also when Meta has not approved it), or 400 when the parameters do not fit. */
export async function renderTemplateUse(db: Db, channelId: string, use: TemplateUse): Promise<string> {
  const [row] = await db
    .select()
    .from(templates)
    .where(and(eq(templates.channelId, channelId), eq(templates.name, use.name), eq(templates.language, use.language)))
  if (!row) throw new AppError('unknown_template', `This channel has no template ${use.name} in ${use.language}.`)
  if (row.status !== 'approved')
    throw new AppError(
      'unknown_template',
      `The template ${use.name} (${use.language}) is ${row.status} by Meta and cannot be sent.`,
    )
  const wanted = paramCount(row.body)
  if (use.params.length !== wanted) {
    throw new AppError('invalid_input', `The template ${use.name} takes ${wanted} parameters; ${use.params.length} given.`, [
      { path: 'template.params', message: `Expected ${wanted} parameters` },
    ])
  }
  return renderTemplate(row.body, use.params)
}
