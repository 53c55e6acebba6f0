// What a macro's actions come to on one ticket: one ticket change and perhaps a snooze, in the actions'
// order (a later action on the same field wins), with each action whose tag, team or agent is gone left
// out and said why.
import type { MacroAction, SkippedStep } from '../../shared/schema/macro.ts'
import type { UpdateTicket } from '../../shared/schema/ticket.ts'
import type { Db } from '../db/create-db.ts'
import { missingReference } from './macro-references.ts'

export interface MacroChange {
  patch: UpdateTicket
  snoozeMinutes: number | null
  skipped: SkippedStep[]
}

export async function planMacroChange(
  db: Db,
  workspaceId: string,
  actions: readonly MacroAction[],
  tags: readonly string[],
): Promise<MacroChange> {
  const patch: UpdateTicket = {}
  const skipped: SkippedStep[] = []
  let snoozeMinutes: number | null = null
  let nextTags = [...tags]
  for (const action of actions) {
    const missing = await missingReference(db, workspaceId, action)
    if (missing) {
      skipped.push({ action, reason: missing })
      continue
    }
    switch (action.type) {
      case 'set_status':
        patch.status = action.status
        break
      case 'set_priority':
        patch.priority = action.priority
        break
      case 'assign_agent':
        patch.assigneeId = action.agentId
        break
      case 'assign_team':
        patch.teamId = action.teamId
        break
      case 'add_tag':
        // Tag names are one tag whatever their case.
        if (!nextTags.some((tag) => tag.toLowerCase() === action.tag.toLowerCase())) nextTags.push(action.tag)
        patch.tags = nextTags
        break
      case 'remove_tag':
        nextTags = nextTags.filter((tag) => tag.toLowerCase() !== action.tag.toLowerCase())
        patch.tags = nextTags
        break
      case 'snooze':
        snoozeMinutes = action.minutes
        break
    }
  }
  return { patch, snoozeMinutes, skipped }
}
