// What the server writes into a ticket's shared document (API.md "Collaboration socket"): the
// assignment map, and the draft emptied once a reply has gone out.
import type * as Y from 'yjs'

export function setAssignment(doc: Y.Doc, assignment: { assigneeId: string | null; teamId: string | null }): void {
  const map = doc.getMap('assignment')
  if (map.get('assigneeId') !== assignment.assigneeId) map.set('assigneeId', assignment.assigneeId)
  if (map.get('teamId') !== assignment.teamId) map.set('teamId', assignment.teamId)
}

export function clearDraft(doc: Y.Doc): void {
  const draft = doc.getText('draft')
  if (draft.length > 0) draft.delete(0, draft.length)
}
