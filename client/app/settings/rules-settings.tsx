// Automation rules, in the order they run: on an event, when the conditions hold, the actions run; a rule
// may stop the ones after it. Made with a form of conditions and actions; the server checks it whole
// (an unknown team, a loop-prone rule) and its answer is shown beside the form.
import { createSignal, For, Index, Show } from 'solid-js'
import { z } from 'zod'
import {
  type Condition,
  conditionFields,
  conditionOps,
  type RuleAction,
  ruleEvents,
  ruleListSchema,
  ruleResponseSchema,
} from '../../../shared/schema/rule.ts'
import { priorities, ticketStatuses } from '../../../shared/schema/ticket.ts'
import { api } from '../net/http.ts'
import type { Workspace } from '../workspace.ts'
import { errorText } from './error-text.ts'
import { SettingsForm } from './settings-form.tsx'
import { SettingsList } from './settings-list.tsx'
import { useList } from './use-list.ts'

const actionTypes = [
  'assign_team',
  'assign_agent',
  'assign_round_robin',
  'assign_least_loaded',
  'set_priority',
  'add_tag',
  'remove_tag',
  'set_status',
  'send_reply',
  'add_note',
  'notify',
] as const
type ActionType = (typeof actionTypes)[number]
const numericFields = new Set(['minutesSinceCustomerMessage', 'minutesSinceUpdate', 'sentiment'])

interface ConditionDraft {
  field: Condition['field']
  op: Condition['op']
  value: string
}
interface ActionDraft {
  type: ActionType
  teamId: string
  agentId: string
  skill: string
  priority: string
  tag: string
  status: string
  body: string
  target: string
}

const newCondition = (): ConditionDraft => ({ field: 'text', op: 'contains', value: '' })
const newAction = (): ActionDraft => ({
  type: 'assign_least_loaded',
  teamId: '',
  agentId: '',
  skill: '',
  priority: 'high',
  tag: '',
  status: 'pending',
  body: '',
  target: '',
})

function conditionValue(c: ConditionDraft): Condition['value'] {
  const one = (text: string) => (numericFields.has(c.field) ? Number(text) : text.trim())
  if (c.field === 'withinBusinessHours') return c.value === 'true'
  if (c.op === 'in')
    return c.value
      .split(',')
      .map(one)
      .filter((v) => v !== '')
  return one(c.value)
}

function action(a: ActionDraft): RuleAction {
  switch (a.type) {
    case 'assign_team':
      return { type: a.type, teamId: a.teamId }
    case 'assign_agent':
      return { type: a.type, agentId: a.agentId }
    case 'assign_round_robin':
    case 'assign_least_loaded':
      return { type: a.type, ...(a.teamId ? { teamId: a.teamId } : {}), ...(a.skill.trim() ? { skill: a.skill.trim() } : {}) }
    case 'set_priority':
      return { type: a.type, priority: a.priority as (typeof priorities)[number] }
    case 'add_tag':
    case 'remove_tag':
      return { type: a.type, tag: a.tag }
    case 'set_status':
      return { type: a.type, status: a.status as (typeof ticketStatuses)[number] }
    case 'send_reply':
    case 'add_note':
      return { type: a.type, body: a.body }
    case 'notify': {
      const [kind, id] = a.target.split(':')
      return { type: a.type, ...(kind === 'team' ? { teamId: id! } : { agentId: id! }) }
    }
  }
}

export function RulesSettings(props: { ws: Workspace }) {
  const rules = useList(ruleListSchema, '/api/rules')
  const [status, setStatus] = createSignal('')
  const [conditions, setConditions] = createSignal<ConditionDraft[]>([newCondition()])
  const [actions, setActions] = createSignal<ActionDraft[]>([newAction()])
  const editCondition = (i: number, patch: Partial<ConditionDraft>) =>
    setConditions(conditions().map((c, j) => (j === i ? { ...c, ...patch } : c)))
  const editAction = (i: number, patch: Partial<ActionDraft>) =>
    setActions(actions().map((a, j) => (j === i ? { ...a, ...patch } : a)))
  const teamName = (id: string) => props.ws.teams().find((t) => t.id === id)?.name ?? id
  const agentName = (id: string) => props.ws.agents().find((a) => a.id === id)?.name ?? id

  async function add(form: HTMLFormElement): Promise<string> {
    const data = new FormData(form)
    const list = conditions()
      .filter((c) => c.value.trim() !== '' || c.field === 'withinBusinessHours')
      .map((c) => ({ field: c.field, op: c.op, value: conditionValue(c) }))
    await api(ruleResponseSchema, 'POST', '/api/rules', {
      name: data.get('name'),
      event: data.get('event'),
      conditions: list.length ? { [String(data.get('match'))]: list } : {},
      actions: actions().map(action),
      stop: data.get('stop') === 'on',
    })
    form.reset()
    setConditions([newCondition()])
    setActions([newAction()])
    await rules.reload()
    return 'Rule made'
  }

  async function change(id: string, method: 'PATCH' | 'DELETE', body?: unknown) {
    try {
      await api(method === 'DELETE' ? z.unknown() : ruleResponseSchema, method, `/api/rules/${id}`, body)
      await rules.reload()
    } catch (error) {
      setStatus(errorText(error))
    }
  }

  const describe = (a: RuleAction) => {
    const parts = Object.entries(a)
      .filter(([key]) => key !== 'type')
      .map(([key, value]) =>
        key === 'teamId' ? `team ${teamName(String(value))}` : key === 'agentId' ? agentName(String(value)) : String(value),
      )
    return `${a.type.replaceAll('_', ' ')} ${parts.join(' ')}`.trim()
  }

  return (
    <>
      <h2>Rules</h2>
      <SettingsList ordered count={rules.items().length} loaded={rules.loaded()} empty="No rules yet.">
        <For each={rules.items()}>
          {(rule) => (
            <li classList={{ disabled: !rule.enabled }}>
              <strong>{rule.name}</strong> <span class="muted">on {rule.event.replaceAll('_', ' ')}</span>
              <div class="muted">
                {[...(rule.conditions.all ?? []).map((c) => `${c.field} ${c.op} ${JSON.stringify(c.value)}`)].join(' and ')}
                {rule.conditions.any?.length
                  ? ` any of: ${rule.conditions.any.map((c) => `${c.field} ${c.op} ${JSON.stringify(c.value)}`).join(', ')}`
                  : ''}
                {' → '}
                {rule.actions.map(describe).join('; ')}
                {rule.stop ? '; then stop' : ''}
              </div>
              <label class="check">
                <input
                  type="checkbox"
                  checked={rule.enabled}
                  onChange={(e) => void change(rule.id, 'PATCH', { enabled: e.currentTarget.checked })}
                />
                Enabled
              </label>{' '}
              <button type="button" onClick={() => void change(rule.id, 'DELETE')} aria-label={`Delete rule ${rule.name}`}>
                Delete
              </button>
            </li>
          )}
        </For>
      </SettingsList>
      <Show when={status()}>
        <p role="alert">{status()}</p>
      </Show>
      <SettingsForm label="Make a rule" title="Make a rule" submit="Make rule" onSubmit={add}>
        <label>
          Name <input name="name" required placeholder="Urgent Japanese WhatsApp" />
        </label>
        <label>
          When
          <select name="event">
            <For each={ruleEvents}>{(event) => <option value={event}>{event.replaceAll('_', ' ')}</option>}</For>
          </select>
        </label>
        <fieldset>
          <legend>
            If{' '}
            <select name="match" aria-label="Which conditions must hold">
              <option value="all">all</option>
              <option value="any">any</option>
            </select>{' '}
            of these hold
          </legend>
          <Index each={conditions()}>
            {(c, i) => (
              <div class="rule-row">
                <select
                  aria-label={`Condition ${i + 1} field`}
                  value={c().field}
                  onChange={(e) => editCondition(i, { field: e.currentTarget.value as Condition['field'] })}
                >
                  <For each={conditionFields}>{(f) => <option value={f}>{f}</option>}</For>
                </select>
                <select
                  aria-label={`Condition ${i + 1} test`}
                  value={c().op}
                  onChange={(e) => editCondition(i, { op: e.currentTarget.value as Condition['op'] })}
                >
                  <For each={conditionOps}>{(op) => <option value={op}>{op}</option>}</For>
                </select>
                <input
                  aria-label={`Condition ${i + 1} value`}
                  placeholder={c().op === 'in' ? 'a, b, c' : c().field === 'withinBusinessHours' ? 'true or false' : 'value'}
                  value={c().value}
                  onInput={(e) => editCondition(i, { value: e.currentTarget.value })}
                />
                <button
                  type="button"
                  aria-label={`Remove condition ${i + 1}`}
                  onClick={() => setConditions(conditions().filter((_, j) => j !== i))}
                >
                  ✕
                </button>
              </div>
            )}
          </Index>
          <button type="button" onClick={() => setConditions([...conditions(), newCondition()])}>
            Add condition
          </button>
        </fieldset>
        <fieldset>
          <legend>Then</legend>
          <Index each={actions()}>
            {(a, i) => (
              <div class="rule-row">
                <select
                  aria-label={`Action ${i + 1}`}
                  value={a().type}
                  onChange={(e) => editAction(i, { type: e.currentTarget.value as ActionType })}
                >
                  <For each={actionTypes}>{(t) => <option value={t}>{t.replaceAll('_', ' ')}</option>}</For>
                </select>
                <ActionParams ws={props.ws} draft={a()} index={i} edit={(patch) => editAction(i, patch)} />
                <button
                  type="button"
                  aria-label={`Remove action ${i + 1}`}
                  onClick={() => setActions(actions().filter((_, j) => j !== i))}
                >
                  ✕
                </button>
              </div>
            )}
          </Index>
          <button type="button" onClick={() => setActions([...actions(), newAction()])}>
            Add action
          </button>
        </fieldset>
        <label class="check">
          <input type="checkbox" name="stop" /> Stop the rules after this one when it applies
        </label>
      </SettingsForm>
    </>
  )
}

function ActionParams(props: { ws: Workspace; draft: ActionDraft; index: number; edit: (patch: Partial<ActionDraft>) => void }) {
  const label = (what: string) => `Action ${props.index + 1} ${what}`
  const teamSelect = (optional: boolean) => (
    <select aria-label={label('team')} value={props.draft.teamId} onChange={(e) => props.edit({ teamId: e.currentTarget.value })}>
      <option value="">{optional ? 'any team' : 'choose a team'}</option>
      <For each={props.ws.teams()}>{(t) => <option value={t.id}>{t.name}</option>}</For>
    </select>
  )
  return (
    <>
      <Show when={props.draft.type === 'assign_team'}>{teamSelect(false)}</Show>
      <Show when={props.draft.type === 'assign_agent'}>
        <select
          aria-label={label('agent')}
          value={props.draft.agentId}
          onChange={(e) => props.edit({ agentId: e.currentTarget.value })}
        >
          <option value="">choose an agent</option>
          <For each={props.ws.agents()}>{(a) => <option value={a.id}>{a.name}</option>}</For>
        </select>
      </Show>
      <Show when={props.draft.type === 'assign_round_robin' || props.draft.type === 'assign_least_loaded'}>
        {teamSelect(true)}
        <input
          aria-label={label('skill')}
          placeholder="skill (e.g. ja)"
          value={props.draft.skill}
          onInput={(e) => props.edit({ skill: e.currentTarget.value })}
        />
      </Show>
      <Show when={props.draft.type === 'set_priority'}>
        <select
          aria-label={label('priority')}
          value={props.draft.priority}
          onChange={(e) => props.edit({ priority: e.currentTarget.value })}
        >
          <For each={priorities}>{(p) => <option value={p}>{p}</option>}</For>
        </select>
      </Show>
      <Show when={props.draft.type === 'add_tag' || props.draft.type === 'remove_tag'}>
        <input
          aria-label={label('tag')}
          placeholder="tag"
          value={props.draft.tag}
          onInput={(e) => props.edit({ tag: e.currentTarget.value })}
        />
      </Show>
      <Show when={props.draft.type === 'set_status'}>
        <select
          aria-label={label('status')}
          value={props.draft.status}
          onChange={(e) => props.edit({ status: e.currentTarget.value })}
        >
          <For each={ticketStatuses}>{(s) => <option value={s}>{s}</option>}</For>
        </select>
      </Show>
      <Show when={props.draft.type === 'send_reply' || props.draft.type === 'add_note'}>
        <textarea
          aria-label={label('text')}
          rows="2"
          value={props.draft.body}
          onInput={(e) => props.edit({ body: e.currentTarget.value })}
        />
      </Show>
      <Show when={props.draft.type === 'notify'}>
        <select
          aria-label={label('who')}
          value={props.draft.target}
          onChange={(e) => props.edit({ target: e.currentTarget.value })}
        >
          <option value="">choose who</option>
          <For each={props.ws.agents()}>{(a) => <option value={`agent:${a.id}`}>{a.name}</option>}</For>
          <For each={props.ws.teams()}>{(t) => <option value={`team:${t.id}`}>team {t.name}</option>}</For>
        </select>
      </Show>
    </>
  )
}
