// A macro action as the settings form edits it: one type and one text value, turned into the wire action
// (shared/schema/macro.ts) on saving and back when a saved macro is opened for editing.
import type { MacroAction } from '../../../shared/schema/macro.ts'
import type { priorities, ticketStatuses } from '../../../shared/schema/ticket.ts'

export const macroActionTypes = [
  { type: 'add_tag', label: 'Add tag' },
  { type: 'remove_tag', label: 'Remove tag' },
  { type: 'set_status', label: 'Set status' },
  { type: 'set_priority', label: 'Set priority' },
  { type: 'assign_team', label: 'Move to team' },
  { type: 'assign_agent', label: 'Assign to' },
  { type: 'snooze', label: 'Snooze (minutes)' },
] as const satisfies readonly { type: MacroAction['type']; label: string }[]

export interface MacroActionDraft {
  type: MacroAction['type']
  value: string
}

export const newMacroAction = (): MacroActionDraft => ({ type: 'add_tag', value: '' })

export function toMacroAction(draft: MacroActionDraft): MacroAction {
  const value = draft.value.trim()
  switch (draft.type) {
    case 'add_tag':
    case 'remove_tag':
      return { type: draft.type, tag: value }
    case 'set_status':
      return { type: draft.type, status: value as (typeof ticketStatuses)[number] }
    case 'set_priority':
      return { type: draft.type, priority: value as (typeof priorities)[number] }
    case 'assign_team':
      return { type: draft.type, teamId: value }
    case 'assign_agent':
      return { type: draft.type, agentId: value }
    case 'snooze':
      return { type: draft.type, minutes: Number(value) }
  }
}

export function toMacroActionDraft(action: MacroAction): MacroActionDraft {
  switch (action.type) {
    case 'add_tag':
    case 'remove_tag':
      return { type: action.type, value: action.tag }
    case 'set_status':
      return { type: action.type, value: action.status }
    case 'set_priority':
      return { type: action.type, value: action.priority }
    case 'assign_team':
      return { type: action.type, value: action.teamId }
    case 'assign_agent':
      return { type: action.type, value: action.agentId }
    case 'snooze':
      return { type: action.type, value: String(action.minutes) }
  }
}

/** The value a type starts with when chosen in the form. */
export function defaultValue(type: MacroAction['type']): string {
  if (type === 'set_status') return 'pending'
  if (type === 'set_priority') return 'high'
  if (type === 'snooze') return '60'
  return ''
}
