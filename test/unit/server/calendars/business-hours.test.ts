import { expect, test } from 'vitest'
import { addBusinessMinutes, type Hours, isWithinHours } from '../../../../server/calendars/business-hours.ts'

const paris: Hours = {
  timeZone: 'Europe/Paris',
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:00' })),
  holidays: ['2026-12-25'],
}

test('is open on a weekday inside the hours, in the calendar time zone', () => {
  expect(isWithinHours(paris, new Date('2026-12-01T08:30:00Z'))).toBe(true) // Tuesday 09:30 in Paris
  expect(isWithinHours(paris, new Date('2026-12-01T07:30:00Z'))).toBe(false) // 08:30
  expect(isWithinHours(paris, new Date('2026-12-01T16:00:00Z'))).toBe(false) // 17:00, closed
  expect(isWithinHours(paris, new Date('2026-12-05T10:00:00Z'))).toBe(false) // Saturday
})

test('is closed on a holiday', () => {
  expect(isWithinHours(paris, new Date('2026-12-25T10:00:00Z'))).toBe(false)
})

test('counts business minutes across the night and the weekend', () => {
  // Friday 16:00 in Paris + 120 minutes: one hour on Friday, one on Monday from 09:00.
  expect(addBusinessMinutes(paris, new Date('2026-12-04T15:00:00Z'), 120)?.toISOString()).toBe('2026-12-07T09:00:00.000Z')
  // Saturday: counting starts on Monday at 09:00.
  expect(addBusinessMinutes(paris, new Date('2026-12-05T12:00:00Z'), 30)?.toISOString()).toBe('2026-12-07T08:30:00.000Z')
})

test('skips holidays and follows daylight-saving time', () => {
  // Thursday 24 December 16:30 + 60 minutes: 30 that day, Friday 25 is a holiday, 30 on Monday 28.
  expect(addBusinessMinutes(paris, new Date('2026-12-24T15:30:00Z'), 60)?.toISOString()).toBe('2026-12-28T08:30:00.000Z')
  // Friday 27 March 2026 16:00 (UTC+1) + 120: Monday 30 March opens at 09:00 UTC+2 = 07:00Z.
  expect(addBusinessMinutes(paris, new Date('2026-03-27T15:00:00Z'), 120)?.toISOString()).toBe('2026-03-30T08:00:00.000Z')
})

test('a calendar with no hours never falls due', () => {
  expect(addBusinessMinutes({ ...paris, weekly: [] }, new Date(), 10)).toBeNull()
})
