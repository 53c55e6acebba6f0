import { expect, test } from 'vitest'
import { snoozePresets } from '../../../../../client/app/ticket/snooze-ticket.ts'

const local = (day: number, hour: number, minute = 0) => new Date(2026, 11, day, hour, minute)
const presets = (now: Date) => Object.fromEntries(snoozePresets(now).map((p) => [p.label, p.until.getTime()]))

test('later today is three hours on, on the hour; tomorrow and next week start at nine', () => {
  // Wednesday 2 December 2026, 14:20 on the agent's clock.
  expect(presets(local(2, 14, 20))).toEqual({
    'Later today': local(2, 17).getTime(),
    Tomorrow: local(3, 9).getTime(),
    'Next week': local(7, 9).getTime(),
  })
})

test('on a Monday, next week is the Monday after, never today', () => {
  expect(presets(local(7, 8))['Next week']).toBe(local(14, 9).getTime())
  expect(presets(local(6, 8))['Next week']).toBe(local(7, 9).getTime())
})
