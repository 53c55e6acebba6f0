import { expect, test } from 'vitest'
import { messageTokens } from '../../../../server/language/word-match.ts'
import { compileRule, conditionsHold, type RuleSubject } from '../../../../server/rules/match-conditions.ts'
import type { Condition } from '../../../../shared/schema/rule.ts'

const subject = (text: string, more: Partial<RuleSubject> = {}): RuleSubject => ({
  channelKind: 'whatsapp',
  channelId: 'c1',
  status: 'open',
  priority: 'normal',
  tags: [],
  tokens: messageTokens(text),
  language: null,
  sentiment: 0,
  withinBusinessHours: true,
  minutesSinceCustomerMessage: 10,
  minutesSinceUpdate: 10,
  contactName: 'Hanako Yamada',
  contactEmail: 'hanako@BigCorp.example',
  contactPhone: null,
  ...more,
})

const rule = (all: Condition[], any: Condition[] = []) =>
  compileRule({
    id: 'r',
    name: 'r',
    event: 'message_received',
    conditions: { all, any },
    actions: [],
    stop: false,
    enabled: true,
    createdAt: '',
  })

test('text contains matches a word in any script, not a part of a longer word', () => {
  const urgent = rule([{ field: 'text', op: 'contains', value: '至急' }])
  expect(conditionsHold(urgent, subject('至急対応してください'))).toBe(true)
  expect(conditionsHold(urgent, subject('急いでいません'))).toBe(false)
  const thai = rule([{ field: 'text', op: 'contains', value: 'ด่วน' }])
  expect(conditionsHold(thai, subject('ต้องการด่วนมาก'))).toBe(true)
  const refund = rule([{ field: 'text', op: 'contains', value: 'refund' }])
  expect(conditionsHold(refund, subject('I want a Refund!'))).toBe(true)
  expect(conditionsHold(refund, subject('It was refunded'))).toBe(false)
})

test('all must hold and at least one of any', () => {
  const r = rule(
    [{ field: 'channelKind', op: 'eq', value: 'whatsapp' }],
    [
      { field: 'priority', op: 'in', value: ['high', 'urgent'] },
      { field: 'tag', op: 'contains', value: 'VIP' },
    ],
  )
  expect(conditionsHold(r, subject('hi', { tags: ['vip'] }))).toBe(true)
  expect(conditionsHold(r, subject('hi'))).toBe(false)
  expect(conditionsHold(r, subject('hi', { channelKind: 'email', priority: 'high' }))).toBe(false)
})

test('numbers compare with gt and lt; business hours with eq', () => {
  expect(conditionsHold(rule([{ field: 'minutesSinceCustomerMessage', op: 'gt', value: 120 }]), subject('x'))).toBe(false)
  expect(conditionsHold(rule([{ field: 'sentiment', op: 'lt', value: -0.2 }]), subject('x', { sentiment: -1 }))).toBe(true)
  expect(conditionsHold(rule([{ field: 'withinBusinessHours', op: 'eq', value: false }]), subject('x'))).toBe(false)
})

test('contact attributes compare as text, contains ignoring case', () => {
  expect(conditionsHold(rule([{ field: 'contactEmail', op: 'contains', value: '@bigcorp.example' }]), subject('x'))).toBe(true)
  expect(conditionsHold(rule([{ field: 'contactPhone', op: 'eq', value: '+81' }]), subject('x'))).toBe(false)
})
