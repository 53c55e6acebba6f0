// Whether a rule's conditions hold for a ticket at an event (pure). Conditions are compiled once per
// rule set (text phrases segmented), so an inbound message costs set look-ups, not re-parsing.
import type { Condition, Rule } from '../../shared/schema/rule.ts'
import { containsPhrase, phraseTokens } from '../language/word-match.ts'

export interface RuleSubject {
  channelKind: string
  channelId: string
  status: string
  priority: string
  tags: readonly string[]
  /** The words of the message the event is about (empty without one). */
  tokens: ReadonlySet<string>
  language: string | null
  sentiment: number
  withinBusinessHours: boolean
  minutesSinceCustomerMessage: number | null
  minutesSinceUpdate: number
  contactName: string | null
  contactEmail: string | null
  contactPhone: string | null
}

interface CompiledCondition extends Condition {
  phrases: string[][]
}

export interface CompiledRule extends Rule {
  all: CompiledCondition[]
  any: CompiledCondition[]
}

export function compileRule(rule: Rule): CompiledRule {
  const compile = (c: Condition): CompiledCondition => ({
    ...c,
    phrases: c.field === 'text' ? (Array.isArray(c.value) ? c.value : [c.value]).map((v) => phraseTokens(String(v))) : [],
  })
  return { ...rule, all: (rule.conditions.all ?? []).map(compile), any: (rule.conditions.any ?? []).map(compile) }
}

export function conditionsHold(rule: Pick<CompiledRule, 'all' | 'any'>, s: RuleSubject): boolean {
  return rule.all.every((c) => holds(c, s)) && (rule.any.length === 0 || rule.any.some((c) => holds(c, s)))
}

function holds(c: CompiledCondition, s: RuleSubject): boolean {
  if (c.field === 'text') {
    const found = c.phrases.some((p) => containsPhrase(s.tokens, p))
    return c.op === 'neq' ? !found : found
  }
  if (c.field === 'tag') {
    const wanted = (Array.isArray(c.value) ? c.value : [c.value]).map((v) => String(v).toLowerCase())
    const found = s.tags.some((t) => wanted.includes(t.toLowerCase()))
    return c.op === 'neq' ? !found : found
  }
  const actual = s[c.field]
  switch (c.op) {
    case 'eq':
      return actual === c.value
    case 'neq':
      return actual !== c.value
    case 'in':
      return Array.isArray(c.value) && (c.value as unknown[]).includes(actual)
    case 'contains':
      return typeof actual === 'string' && actual.toLowerCase().includes(String(c.value).toLowerCase())
    case 'gt':
      return typeof actual === 'number' && actual > Number(c.value)
    case 'lt':
      return typeof actual === 'number' && actual < Number(c.value)
  }
}
