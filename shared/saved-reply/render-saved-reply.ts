// Fills a saved reply's variables from what is known about the conversation: the server renders with it
// (POST /api/tickets/:id/render-saved-reply) and the app may preview with it. Pure: no IO.
import { isSavedReplyVariable, replacePlaceholders, type SavedReplyVariable } from './variables.ts'

export interface RenderContext {
  contact: { name: string | null; email: string | null; phone: string | null } | null
  agent: { name: string } | null
  ticket: { number: number; subject: string | null } | null
  /** The order in view (the shop's most recent order of the contact); null while none is known. */
  order: { name: string; status: string | null; trackingUrl: string | null } | null
}

export interface Rendered {
  body: string
  /** Variables with no value here, in order of first appearance: they stay in the body as `{{name}}`. */
  unresolved: SavedReplyVariable[]
}

/** The first word of a name ("Ana María Ruiz" → "Ana"); a name without spaces is its own first name. */
export function firstName(name: string | null): string | null {
  const first = name?.trim().split(/\s+/)[0]
  return first || null
}

export function variableValue(name: SavedReplyVariable, context: RenderContext): string | null {
  const { contact, agent, ticket, order } = context
  const values: Record<SavedReplyVariable, string | null | undefined> = {
    'contact.name': contact?.name,
    'contact.first_name': firstName(contact?.name ?? null),
    'contact.email': contact?.email,
    'contact.phone': contact?.phone,
    'agent.name': agent?.name,
    'agent.first_name': firstName(agent?.name ?? null),
    'ticket.number': ticket ? String(ticket.number) : null,
    'ticket.subject': ticket?.subject,
    'order.name': order?.name,
    'order.status': order?.status,
    'order.tracking_url': order?.trackingUrl,
  }
  const value = values[name]?.trim()
  return value ? value : null
}

/** The body with every known, non-empty variable filled; the rest stay as written and are listed. */
export function renderSavedReply(body: string, context: RenderContext): Rendered {
  const unresolved = new Set<SavedReplyVariable>()
  const rendered = replacePlaceholders(body, (name) => {
    if (!isSavedReplyVariable(name)) return null
    const value = variableValue(name, context)
    if (value === null) unresolved.add(name)
    return value
  })
  return { body: rendered, unresolved: [...unresolved] }
}
