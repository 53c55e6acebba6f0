// Business-hours calendars: weekly opening hours in a time zone,
// and holidays. Hours of one day may not overlap; an empty week means never open.
import { z } from 'zod'
import { idSchema, isoTimeSchema } from './common.ts'

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'A time of day as HH:MM (00:00 to 24:00)')

export const weeklyHoursSchema = z
  .object({ day: z.number().int().min(1).max(7), open: clockTime, close: clockTime })
  .refine((h) => h.open < h.close, { message: 'open must come before close', path: ['close'] })
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

export const createCalendarSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    timeZone: z.string().refine(validTimeZone, 'Not an IANA time zone (such as Europe/Paris)'),
    weekly: z.array(weeklyHoursSchema).max(70),
    holidays: z.array(z.iso.date()).max(400).default([]),
  })
  .strict()
  .superRefine((calendar, ctx) => {
    calendar.weekly.forEach((hours, i) => {
      const overlapping = calendar.weekly.findIndex(
        (other, j) => j < i && other.day === hours.day && other.open < hours.close && hours.open < other.close,
      )
      if (overlapping >= 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['weekly', i],
          message: `Hours overlap those of weekly[${overlapping}] on day ${hours.day}`,
        })
      }
    })
  })
export type CreateCalendar = z.infer<typeof createCalendarSchema>

export const calendarSchema = z.object({
  id: idSchema,
  name: z.string(),
  timeZone: z.string(),
  weekly: z.array(weeklyHoursSchema),
  holidays: z.array(z.string()),
  createdAt: isoTimeSchema,
})
export type Calendar = z.infer<typeof calendarSchema>

export const calendarResponseSchema = z.object({ calendar: calendarSchema })
export const calendarListSchema = z.object({ items: z.array(calendarSchema) })
