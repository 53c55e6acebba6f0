// The variables a saved reply may use, `{{contact.first_name}}` and the like: the one list the server checks
// saved bodies against and the app offers, and how a body's variables are found.

export const savedReplyVariables = [
  'contact.name',
  'contact.first_name',
  'contact.email',
  'contact.phone',
  'agent.name',
  'agent.first_name',
  'ticket.number',
  'ticket.subject',
  'order.name',
  'order.status',
  'order.tracking_url',
] as const
export type SavedReplyVariable = (typeof savedReplyVariables)[number]

/** `{{ name }}`: a name of letters, digits, `_` and `.`, spaces around it allowed. */
const placeholder = /\{\{\s*([\p{L}\p{N}_.]+)\s*\}\}/gu

export function isSavedReplyVariable(name: string): name is SavedReplyVariable {
  return (savedReplyVariables as readonly string[]).includes(name)
}

/** Every placeholder of the body in order of first appearance, each name once, known or not. */
export function placeholdersIn(body: string): string[] {
  return [...new Set(Array.from(body.matchAll(placeholder), (m) => m[1]!))]
}

/** The placeholders of the body that name no variable: a body holding one cannot be saved. */
export function unknownVariables(body: string): string[] {
  return placeholdersIn(body).filter((name) => !isSavedReplyVariable(name))
}

/** The variables still waiting to be filled in a draft (placeholders of unknown names are plain text there). */
export function unfilledVariables(draft: string): SavedReplyVariable[] {
  return placeholdersIn(draft).filter(isSavedReplyVariable)
}

/** Replaces each placeholder by what `fill` returns for its name; null keeps the placeholder as written. */
export function replacePlaceholders(body: string, fill: (name: string) => string | null): string {
  return body.replace(placeholder, (whole, name: string) => fill(name) ?? whole)
}
