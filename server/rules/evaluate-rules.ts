// Runs a ticket through the rules of one event (pure, on a snapshot): rules in creation order, each
// seeing what the ones before it changed; a rule with `stop` ends the run. Returns the ticket as the
// rules left it and every effect, each naming the rule that caused it (for the audit log).
import type { RuleAction } from '../../shared/schema/rule.ts'
import { isWithinHours } from '../calendars/business-hours.ts'
import { detectLanguage } from '../language/detect-language.ts'
import { messageTokens } from '../language/word-match.ts'
import { sentimentOf } from '../priority/sentiment.ts'
import type { TicketState } from '../sla/ticket-state.ts'
import { type CompiledRule, conditionsHold, type RuleSubject } from './match-conditions.ts'
import { type AgentLoad, pickLeastLoaded, pickRoundRobin } from './pick-agent.ts'
import type { RoutingContext } from './routing-context.ts'

export type Effect =
  | {
      kind: 'change'
      field: 'status' | 'priority' | 'assignee' | 'team' | 'tags'
      from: unknown
      to: unknown
      rule: RuleRef
      sentence: string
    }
  | { kind: 'reply' | 'note'; body: string; rule: RuleRef }
  | { kind: 'notify'; agentId?: string | undefined; teamId?: string | undefined; rule: RuleRef }
  | { kind: 'unassignable'; rule: RuleRef; reason: string }

export interface RuleRef {
  id: string
  name: string
}

export interface Evaluation {
  state: TicketState
  effects: Effect[]
  fired: RuleRef[]
}

export interface Snapshot {
  ctx: RoutingContext
  now: Date
  /** Round robin: the agent each rule chose last. */
  lastChosen: Map<string, string>
}

export function subjectOf(state: TicketState, snapshot: Snapshot, tokens: ReadonlySet<string>): RuleSubject {
  const hours = state.calendarId ? snapshot.ctx.calendars.get(state.calendarId) : undefined
  const now = snapshot.now.getTime()
  return {
    channelKind: state.channelKind,
    channelId: state.channelId,
    status: state.status,
    priority: state.priority,
    tags: state.tags,
    tokens,
    language: detectLanguage(state.lastCustomerText),
    sentiment: sentimentOf(tokens),
    withinBusinessHours: hours ? isWithinHours(hours, snapshot.now) : true,
    minutesSinceCustomerMessage: state.lastCustomerMessageAt ? (now - state.lastCustomerMessageAt.getTime()) / 60_000 : null,
    minutesSinceUpdate: (now - state.updatedAt.getTime()) / 60_000,
    contactName: state.contact.name,
    contactEmail: state.contact.email,
    contactPhone: state.contact.phone,
  }
}

export function evaluateRules(
  rules: readonly CompiledRule[],
  initial: TicketState,
  snapshot: Snapshot,
  skip: (rule: CompiledRule) => boolean = () => false,
): Evaluation {
  const state: TicketState = { ...initial, tags: [...initial.tags] }
  // The message's words, language, sentiment and the business hours are read once per ticket.
  const base = subjectOf(state, snapshot, messageTokens(state.lastCustomerText))
  const effects: Effect[] = []
  const fired: RuleRef[] = []
  for (const rule of rules) {
    if (!rule.enabled || skip(rule)) continue
    if (!conditionsHold(rule, { ...base, status: state.status, priority: state.priority, tags: state.tags })) continue
    const ref = { id: rule.id, name: rule.name }
    fired.push(ref)
    for (const action of rule.actions) effects.push(...applyAction(state, action, ref, snapshot))
    if (rule.stop) break
  }
  return { state, effects, fired }
}

function applyAction(state: TicketState, action: RuleAction, rule: RuleRef, snapshot: Snapshot): Effect[] {
  const change = (field: Extract<Effect, { kind: 'change' }>['field'], from: unknown, to: unknown, sentence: string): Effect[] =>
    from === to ? [] : [{ kind: 'change', field, from, to, rule, sentence: `Rule “${rule.name}” ${sentence}.` }]
  switch (action.type) {
    case 'set_priority': {
      const from = state.priority
      state.priority = action.priority
      return change('priority', from, action.priority, `set the priority to ${action.priority}`)
    }
    case 'set_status': {
      const from = state.status
      state.status = action.status
      return change('status', from, action.status, `set the status to ${action.status}`)
    }
    case 'add_tag':
    case 'remove_tag': {
      const from = [...state.tags]
      const has = state.tags.includes(action.tag)
      if (action.type === 'add_tag' && !has) state.tags.push(action.tag)
      if (action.type === 'remove_tag' && has) state.tags = state.tags.filter((t) => t !== action.tag)
      if (from.length === state.tags.length) return []
      const verb = action.type === 'add_tag' ? 'added the tag' : 'removed the tag'
      return [
        {
          kind: 'change',
          field: 'tags',
          from,
          to: [...state.tags],
          rule,
          sentence: `Rule “${rule.name}” ${verb} ${action.tag}.`,
        },
      ]
    }
    case 'assign_team': {
      const from = state.teamId
      state.teamId = action.teamId
      return change('team', from, action.teamId, 'moved the ticket to a team')
    }
    case 'assign_agent': {
      const agent = snapshot.ctx.agents.find((a) => a.id === action.agentId)
      if (!agent) return [{ kind: 'unassignable', rule, reason: `agent ${action.agentId} no longer exists` }]
      return assign(state, agent, rule, snapshot)
    }
    case 'assign_least_loaded':
    case 'assign_round_robin': {
      if (state.assigneeId) return []
      const want = { teamId: action.teamId, skill: action.skill }
      const agent =
        action.type === 'assign_least_loaded'
          ? pickLeastLoaded(snapshot.ctx.agents, want)
          : pickRoundRobin(snapshot.ctx.agents, want, snapshot.lastChosen.get(rule.id) ?? null)
      if (!agent)
        return [{ kind: 'unassignable', rule, reason: 'no online agent with room matches; the ticket waits in the queue' }]
      if (action.type === 'assign_round_robin') snapshot.lastChosen.set(rule.id, agent.id)
      const effects = assign(state, agent, rule, snapshot)
      if (action.teamId && state.teamId !== action.teamId) {
        const from = state.teamId
        state.teamId = action.teamId
        effects.push(...change('team', from, action.teamId, 'moved the ticket to a team'))
      }
      return effects
    }
    case 'send_reply':
      return [{ kind: 'reply', body: action.body, rule }]
    case 'add_note':
      return [{ kind: 'note', body: action.body, rule }]
    case 'notify':
      if (action.agentId && !snapshot.ctx.agents.some((a) => a.id === action.agentId))
        return [{ kind: 'unassignable', rule, reason: `agent ${action.agentId} no longer exists; nobody was told` }]
      return [{ kind: 'notify', agentId: action.agentId, teamId: action.teamId, rule }]
  }
}

function assign(state: TicketState, agent: AgentLoad, rule: RuleRef, snapshot: Snapshot): Effect[] {
  if (state.assigneeId === agent.id) return []
  const from = state.assigneeId
  const previous = snapshot.ctx.agents.find((a) => a.id === from)
  if (previous) previous.openTickets--
  agent.openTickets++
  state.assigneeId = agent.id
  return [
    {
      kind: 'change',
      field: 'assignee',
      from,
      to: agent.id,
      rule,
      sentence: `Rule “${rule.name}” assigned the ticket to ${agent.name}.`,
    },
  ]
}
