// An audit row in plain words (pure): who (and through which rule or macro), what they did, and the
// value before → after. Agent and team ids are named through `nameOf`, so the sentence reads as the
// agent knows them.
import type { AuditItem } from '../../../shared/schema/audit.ts'
import { visitorLabel } from '../../../shared/visitor-label.ts'

export interface AuditWords {
  who: string
  what: string
  /** `open → pending`; empty when the row has no before or after. */
  change: string
}

const verbs: Record<string, string> = {
  'ticket.created': 'opened the ticket',
  'ticket.status_changed': 'changed the status',
  'ticket.reopened': 'reopened the ticket',
  'ticket.priority_changed': 'changed the priority',
  'ticket.assignee_changed': 'changed the assignee',
  'ticket.team_changed': 'changed the team',
  'ticket.tags_changed': 'changed the tags',
  'ticket.subject_changed': 'changed the subject',
  'ticket.replied': 'replied',
  'ticket.note_added': 'added a note',
  'ticket.note_edited': 'edited a note',
  'ticket.note_deleted': 'deleted a note',
  'ticket.snoozed': 'snoozed the ticket',
  'ticket.unsnoozed': 'woke the ticket',
  'ticket.snooze_ended': 'ended the snooze',
  'ticket.handed_off': 'handed the ticket on',
  'ticket.assignment_reverted': 'had an assignment put back',
  'rule.send_reply': 'sent an automatic reply',
  'rule.add_note': 'added a note',
  'rule.unassignable': 'found nobody to assign',
  'rule.loop_stopped': 'stopped a rule that looped',
  'contact.created': 'created the profile',
  'contact.identity_linked': 'linked',
  'contact.identity_removed': 'removed',
  'contact.merged': 'merged another profile into this one',
  'contact.merged_away': 'merged this profile into another',
  'contact.unmerged': 'undid the merge of this profile',
  'contact.merge_undone': 'undid a merge into this profile',
}

export function auditWords(item: AuditItem, nameOf: (id: string) => string | undefined): AuditWords {
  const actor = item.actor
  const person = actor.type === 'agent' ? actor.name : actor.type === 'customer' ? (actor.name ?? 'The customer') : 'System'
  const who = item.via ? `${person} (via ${item.via.kind} “${item.via.name}”)` : person
  const identity = identityText(item.details)
  const verb = verbs[item.action] ?? item.action.replace(/^\w+\./, '').replaceAll('_', ' ')
  const what = identity && /identity/.test(item.action) ? `${verb} ${identity}` : verb
  const before = valueText(item.before, nameOf)
  const after = valueText(item.after, nameOf)
  const change =
    before || after ? `${before || 'none'} → ${after || 'none'}` : identity && /merge/.test(item.action) ? identity : ''
  return { who, what, change }
}

/** A merge's or an identity row's identities, as `email ada@example.com`. */
function identityText(details: Record<string, unknown>): string {
  const list = Array.isArray(details.identities) ? (details.identities as { kind?: unknown; value?: unknown }[]) : [details]
  return list
    .flatMap((i) => (typeof i.kind === 'string' && typeof i.value === 'string' ? [identityWords(i.kind, i.value)] : []))
    .join(', ')
}

/** A visitor's id is a 64-character hash: named by its readable label, as the profile shows it. */
function identityWords(kind: string, value: string): string {
  return kind === 'chat' ? `chat ${visitorLabel(value)}` : `${kind} ${value}`
}

function valueText(value: unknown, nameOf: (id: string) => string | undefined): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map((v) => valueText(v, nameOf)).join(', ') || 'none'
  if (typeof value === 'string') return nameOf(value) ?? value
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
