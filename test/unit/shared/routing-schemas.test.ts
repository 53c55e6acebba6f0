import { expect, test } from 'vitest'
import { createCalendarSchema } from '../../../shared/schema/calendar.ts'
import { createRuleSchema } from '../../../shared/schema/rule.ts'

test('a calendar with overlapping hours on one day is refused, naming the overlap', () => {
  const parsed = createCalendarSchema.safeParse({
    name: 'x',
    timeZone: 'Asia/Tokyo',
    weekly: [
      { day: 1, open: '09:00', close: '12:00' },
      { day: 1, open: '11:00', close: '18:00' },
      { day: 2, open: '11:00', close: '18:00' },
    ],
  })
  expect(parsed.success).toBe(false)
  expect(parsed.error?.issues[0]).toMatchObject({ path: ['weekly', 1], message: expect.stringContaining('overlap') })
})

test('hours that close before they open, and unknown time zones, are refused', () => {
  expect(
    createCalendarSchema.safeParse({ name: 'x', timeZone: 'UTC', weekly: [{ day: 1, open: '18:00', close: '09:00' }] }).success,
  ).toBe(false)
  expect(createCalendarSchema.safeParse({ name: 'x', timeZone: 'Nowhere/City', weekly: [] }).success).toBe(false)
})

test('rules refuse unknown fields, operators that do not fit, and actions without their target', () => {
  const rule = (conditions: unknown, actions: unknown = [{ type: 'add_tag', tag: 'x' }]) =>
    createRuleSchema.safeParse({ name: 'x', event: 'message_received', conditions, actions }).success
  expect(rule({ all: [{ field: 'text', op: 'contains', value: 'refund' }] })).toBe(true)
  expect(rule({ all: [{ field: 'mood', op: 'eq', value: 'x' }] })).toBe(false)
  expect(rule({ all: [{ field: 'text', op: 'gt', value: 3 }] })).toBe(false)
  expect(rule({ all: [{ field: 'priority', op: 'in', value: 'high' }] })).toBe(false)
  expect(rule({}, [{ type: 'notify' }])).toBe(false)
  expect(rule({}, [{ type: 'launch_rocket' }])).toBe(false)
})
