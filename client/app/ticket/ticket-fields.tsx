// Assignment, team, status, priority and tags, editable in place; each change goes through the outbox.
import { For, Show } from 'solid-js'
import { priorities, type Ticket, ticketStatuses, type UpdateTicket } from '../../../shared/schema/ticket.ts'
import type { Workspace } from '../workspace.ts'
import { changeTicket } from './change-ticket.ts'
import { TagInput } from './tag-input.tsx'
import { changeWithUndo, type UndoableField } from './undoable-change.ts'

export function TicketFields(props: { ws: Workspace; ticket: Ticket }) {
  const change = (patch: UpdateTicket) => void changeTicket(props.ws, props.ticket.id, patch)
  // Assigning and resolving can be taken back for a few seconds (the undo toast).
  const changeUndoably = (patch: UpdateTicket, fields: UndoableField[], text: string) =>
    void changeWithUndo(props.ws, [props.ticket.id], fields, text, () => changeTicket(props.ws, props.ticket.id, patch))
  const extra = () => props.ticket as Ticket & { priorityScore?: number; sla?: { firstReplyDueAt?: string | null } | null }
  return (
    <div class="ticket-fields">
      <label>
        Status
        <select
          value={props.ticket.status}
          onChange={(e) => {
            const status = e.currentTarget.value as Ticket['status']
            changeUndoably({ status }, ['status', 'snooze'], `Set #${props.ticket.number} to ${status}`)
          }}
        >
          <For each={ticketStatuses}>{(s) => <option value={s}>{s}</option>}</For>
        </select>
      </label>
      <label>
        Priority
        <select value={props.ticket.priority} onChange={(e) => change({ priority: e.currentTarget.value as Ticket['priority'] })}>
          <For each={priorities}>{(p) => <option value={p}>{p}</option>}</For>
        </select>
      </label>
      <label>
        Assignee
        <select
          value={props.ticket.assigneeId ?? ''}
          onChange={(e) => {
            const assigneeId = e.currentTarget.value || null
            const name = props.ws.agents().find((a) => a.id === assigneeId)?.name
            changeUndoably({ assigneeId }, ['assignee'], name ? `Assigned #${props.ticket.number} to ${name}` : 'Unassigned')
          }}
        >
          <option value="">Nobody</option>
          <For each={props.ws.agents()}>{(a) => <option value={a.id}>{a.name}</option>}</For>
        </select>
      </label>
      <label>
        Team
        <select value={props.ticket.teamId ?? ''} onChange={(e) => change({ teamId: e.currentTarget.value || null })}>
          <option value="">No team</option>
          <For each={props.ws.teams()}>{(t) => <option value={t.id}>{t.name}</option>}</For>
        </select>
      </label>
      <fieldset class="tags-field">
        <legend>Tags</legend>
        <TagInput
          tags={props.ticket.tags}
          known={props.ws.tags()}
          colorOf={props.ws.tagColor}
          onChange={(tags) => change({ tags })}
        />
      </fieldset>
      <Show when={extra().priorityScore !== undefined}>
        <span class="field-info">Priority score {extra().priorityScore}</span>
      </Show>
      <Show when={extra().sla?.firstReplyDueAt}>
        <span class="field-info">First reply due {new Date(extra().sla!.firstReplyDueAt!).toLocaleString()}</span>
      </Show>
    </div>
  )
}
