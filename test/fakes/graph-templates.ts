// The fake's WhatsApp message templates of a Business Account, served as Meta serves them:
// `GET /{v}/{waba-id}/message_templates?fields=…&limit=…&after=…` answers `{data, paging}`, `data` holding
// only the fields asked (and `id`), `paging.cursors` always and `paging.next` while another page follows.
// An account the fake does not know is Graph's code 100 / subcode 33 ("does not exist or no permission").
import { randomInt } from 'node:crypto'
import type { GraphAnswer } from './graph-request.ts'

/** A template as Meta describes it (the Graph field names). */
export interface MetaTemplate {
  name: string
  language: string
  status: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED' | 'IN_APPEAL' | 'PENDING_DELETION' | 'LIMIT_EXCEEDED'
  category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION'
  components: { type: 'HEADER' | 'BODY' | 'FOOTER' | 'BUTTONS'; text?: string; format?: string }[]
  id?: string
}

export interface TemplateStore {
  /** Replaces the account's templates (a test changes a status by setting them again). */
  set(accountId: string, templates: MetaTemplate[]): void
  list(accountId: string, query: Record<string, string>, pageUrl: string): GraphAnswer
}

/** Meta's default page size for this edge. */
const defaultLimit = 25
const cursor = (index: number) => Buffer.from(`template-${index}`).toString('base64url')
const indexOf = (after: string) => Number(/^template-(\d+)$/.exec(Buffer.from(after, 'base64url').toString())?.[1] ?? Number.NaN)

export function createTemplateStore(): TemplateStore {
  const accounts = new Map<string, Required<MetaTemplate>[]>()
  return {
    set(accountId, templates) {
      const ids = new Map((accounts.get(accountId) ?? []).map((t) => [`${t.name}|${t.language}`, t.id]))
      accounts.set(
        accountId,
        templates.map((t) => ({ ...t, id: t.id ?? ids.get(`${t.name}|${t.language}`) ?? String(randomInt(1e13, 2e14)) })),
      )
    },
    list(accountId, query, pageUrl) {
      const templates = accounts.get(accountId)
      if (!templates) return unsupportedGet(accountId)
      const limit = Math.min(Number(query.limit) || defaultLimit, 100)
      const start = query.after === undefined ? 0 : indexOf(query.after) + 1
      if (!Number.isInteger(start) || start < 0)
        return { status: 400, body: { error: { message: 'Invalid cursor', type: 'OAuthException', code: 100 } } }
      const asked = (query.fields ?? 'id').split(',').map((f) => f.trim())
      const page = templates.slice(start, start + limit)
      const data = page.map((t) =>
        Object.fromEntries(Object.entries(t).filter(([field]) => field === 'id' || asked.includes(field))),
      )
      if (!page.length) return { status: 200, body: { data } }
      const last = start + page.length - 1
      const paging: Record<string, unknown> = { cursors: { before: cursor(start), after: cursor(last) } }
      if (last + 1 < templates.length) {
        const next = new URL(pageUrl)
        for (const [name, value] of Object.entries(query)) next.searchParams.set(name, value)
        next.searchParams.set('after', cursor(last))
        next.searchParams.set('limit', String(limit))
        paging.next = next.toString()
      }
      return { status: 200, body: { data, paging } }
    },
  }
}

function unsupportedGet(id: string): GraphAnswer {
  return {
    status: 400,
    body: {
      error: {
        message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
        type: 'GraphMethodException',
        code: 100,
        error_subcode: 33,
        fbtrace_id: 'AbCdEfGhIjK',
      },
    },
  }
}
