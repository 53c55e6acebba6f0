// GET /api/attachments/:id: a stored file, to agents who may see its ticket. Served so a browser never
// runs it as a page of ours: only images, audio, video and PDF inline, everything else as a download,
// with no sniffing and a sandbox.
import { and, eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { AppError } from '../../../shared/errors.ts'
import { uuidPattern } from '../../../shared/schema/common.ts'
import { visibleTickets } from '../../access/ticket-visibility.ts'
import type { AppEnv } from '../../auth/actor.ts'
import { attachments } from '../../db/schema/attachments.ts'
import { messages } from '../../db/schema/messages.ts'
import { tickets } from '../../db/schema/tickets.ts'
import type { AppDeps } from '../app-deps.ts'

const inlineTypes = /^(image\/(png|jpeg|gif|webp)|audio\/|video\/|application\/pdf$)/

export function attachmentRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps.database
  const app = new Hono<AppEnv>()
  app.get('/:id', async (c) => {
    const id = c.req.param('id')
    const [file] = uuidPattern.test(id)
      ? await db
          .select({ bytes: attachments.bytes, mimeType: attachments.mimeType, fileName: attachments.fileName })
          .from(attachments)
          .innerJoin(messages, eq(messages.id, attachments.messageId))
          .innerJoin(tickets, eq(tickets.id, messages.ticketId))
          .where(and(eq(attachments.id, id), visibleTickets(c.get('actor'))))
      : []
    if (!file) throw new AppError('not_found', `No attachment ${id}.`)
    const disposition = inlineTypes.test(file.mimeType) ? 'inline' : 'attachment'
    const name = (file.fileName ?? 'file').replace(/[^\w.\- ]/g, '_')
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        'content-type': file.mimeType,
        'content-disposition': `${disposition}; filename="${name}"`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, max-age=86400',
      },
    })
  })
  return app
}
