// The bar over the inbox while rows are ticked: assign, tag, set status, resolve or snooze them all at
// once, each with a few seconds to undo; or run a macro on them (said in a notice: it has no undo). On a phone it sits at the foot of the screen, in thumb's reach.
import { createSignal, For, Show } from 'solid-js'
import type { Macro } from '../../../shared/schema/macro.ts'
import { type BulkUpdate, ticketStatuses } from '../../../shared/schema/ticket.ts'
import { errorText } from '../settings/error-text.ts'
import { MacroMenu } from '../ticket/macro-menu.tsx'
import { macroNotice } from '../ticket/macro-results.ts'
import { runMacro } from '../ticket/run-macro.ts'
import { SnoozeMenu } from '../ticket/snooze-menu.tsx'
import { changeWithUndo, type UndoableField } from '../ticket/undoable-change.ts'
import type { Workspace } from '../workspace.ts'
import { bulkChange } from './bulk-change.ts'
import { clearSelection } from './ticket-selection.ts'

export type BulkMenu = 'assign' | 'tag' | 'snooze' | 'macro' | null

export function BulkBar(props: {
  ws: Workspace
  ids: string[]
  menu: BulkMenu
  onMenu: (menu: BulkMenu) => void
  /** What a macro run did (or why it could not run), for the inbox to show once the bar is gone. */
  onNotice: (text: string) => void
}) {
  const [tag, setTag] = createSignal('')
  const count = () => props.ids.length
  const apply = (fields: UndoableField[], done: string, set: BulkUpdate['set']) => {
    const ids = [...props.ids]
    props.onMenu(null)
    clearSelection()
    const text = `${done}: ${ids.length === 1 ? '1 ticket' : `${ids.length} tickets`}`
    void changeWithUndo(props.ws, ids, fields, text, () => bulkChange(props.ws, ids, set))
  }
  const runOnTicked = (macro: Macro) => {
    const ids = [...props.ids]
    clearSelection()
    runMacro(macro.id, ids).then(
      (results) => props.onNotice(macroNotice(macro, results)),
      (failure: unknown) => props.onNotice(`Macro “${macro.name}” did not run: ${errorText(failure)}`),
    )
  }
  const toggle = (menu: BulkMenu) => props.onMenu(props.menu === menu ? null : menu)
  return (
    <div class="bulk-bar" role="toolbar" aria-label="Change the selected tickets">
      <span class="bulk-count">{count()} selected</span>
      <div class="bulk-menu-anchor">
        <button type="button" aria-haspopup="dialog" aria-expanded={props.menu === 'assign'} onClick={() => toggle('assign')}>
          Assign
        </button>
        <Show when={props.menu === 'assign'}>
          <div class="bulk-menu" role="dialog" aria-label="Assign to">
            <button type="button" onClick={() => apply(['assignee'], 'Assigned to you', { assigneeId: props.ws.me.id })}>
              Me
            </button>
            <For each={props.ws.agents().filter((a) => a.id !== props.ws.me.id)}>
              {(agent) => (
                <button type="button" onClick={() => apply(['assignee'], `Assigned to ${agent.name}`, { assigneeId: agent.id })}>
                  {agent.name}
                </button>
              )}
            </For>
            <button type="button" onClick={() => apply(['assignee'], 'Unassigned', { assigneeId: null })}>
              Nobody
            </button>
          </div>
        </Show>
      </div>
      <div class="bulk-menu-anchor">
        <button type="button" aria-haspopup="dialog" aria-expanded={props.menu === 'tag'} onClick={() => toggle('tag')}>
          Tag
        </button>
        <Show when={props.menu === 'tag'}>
          <form
            class="bulk-menu"
            role="dialog"
            aria-label="Tag the selected tickets"
            onSubmit={(e) => {
              e.preventDefault()
              if (tag().trim()) apply(['tags'], `Tagged “${tag().trim()}”`, { addTags: [tag().trim()] })
            }}
          >
            <input
              aria-label="Tag name"
              placeholder="vip"
              value={tag()}
              onInput={(e) => setTag(e.currentTarget.value)}
              autofocus
            />
            <button type="submit">Add tag</button>
            <button
              type="button"
              onClick={() => tag().trim() && apply(['tags'], `Untagged “${tag().trim()}”`, { removeTags: [tag().trim()] })}
            >
              Remove tag
            </button>
          </form>
        </Show>
      </div>
      <select
        aria-label="Set status"
        value=""
        onChange={(e) => {
          const status = e.currentTarget.value as (typeof ticketStatuses)[number]
          e.currentTarget.value = ''
          if (status) apply(['status', 'snooze'], `Set to ${status}`, { status })
        }}
      >
        <option value="">Status…</option>
        <For each={ticketStatuses}>{(s) => <option value={s}>{s}</option>}</For>
      </select>
      <button type="button" onClick={() => apply(['status', 'snooze'], 'Resolved', { status: 'resolved' })}>
        Resolve
      </button>
      <SnoozeMenu
        open={props.menu === 'snooze'}
        onOpenChange={(open) => props.onMenu(open ? 'snooze' : null)}
        onChoose={(snooze) =>
          apply(
            ['snooze'],
            snooze ? 'Snoozed' : 'Woke',
            snooze
              ? { snoozeUntil: snooze.until, snoozeUntilCustomerReplies: snooze.untilCustomerReplies }
              : { snoozeUntil: null },
          )
        }
      />
      <MacroMenu open={props.menu === 'macro'} onOpenChange={(open) => props.onMenu(open ? 'macro' : null)} onRun={runOnTicked} />
      <button type="button" class="bulk-clear" onClick={clearSelection}>
        Clear selection
      </button>
    </div>
  )
}
