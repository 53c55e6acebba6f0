// One page of Meta's message templates of a WhatsApp Business Account (GET /{waba-id}/message_templates),
// read into what the helpdesk keeps (pure): name, language, review status, category and the BODY text with
// its {{1}} placeholders; and the cursor of the next page, when Meta says there is one.
import { z } from 'zod'
import type { TemplateStatus } from '../../../shared/schema/reply.ts'

/** The fields asked of Meta: only what is kept. */
export const templateFields = 'name,language,status,category,components'

const pageSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      name: z.string().min(1),
      language: z.string().min(1),
      status: z.string(),
      category: z.string().optional(),
      components: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })).optional(),
    }),
  ),
  paging: z
    .looseObject({ cursors: z.looseObject({ after: z.string().optional() }).optional(), next: z.string().optional() })
    .optional(),
})

export interface MetaTemplate {
  name: string
  language: string
  status: TemplateStatus
  category: string | null
  body: string
}

/** Meta's statuses beyond the five kept: an appeal is still pending; the rest cannot be sent. */
const statusOf: Record<string, TemplateStatus> = {
  APPROVED: 'approved',
  PENDING: 'pending',
  IN_APPEAL: 'pending',
  REJECTED: 'rejected',
  PAUSED: 'paused',
  LIMIT_EXCEEDED: 'paused',
  DISABLED: 'disabled',
}

/** The page's templates and the `after` cursor of the next one (null on the last page); null when not Meta's shape. */
export function readTemplatePage(body: unknown): { templates: MetaTemplate[]; after: string | null } | null {
  const parsed = pageSchema.safeParse(body)
  if (!parsed.success) return null
  const templates = parsed.data.data.map((t) => ({
    name: t.name,
    language: t.language,
    status: statusOf[t.status.toUpperCase()] ?? 'disabled',
    category: t.category ? t.category.toLowerCase() : null,
    body: t.components?.find((c) => c.type.toUpperCase() === 'BODY')?.text ?? '',
  }))
  const paging = parsed.data.paging
  return { templates, after: paging?.next && paging.cursors?.after ? paging.cursors.after : null }
}
