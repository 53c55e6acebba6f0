// Business hours of a calendar (pure): whether a moment falls inside them, and when a number of
// business minutes counted from a moment runs out. Local times are read in the calendar's IANA time
// zone, so daylight-saving changes and holidays fall where the customer's team sees them.
import type { WeeklyHours } from '../../shared/schema/calendar.ts'

export interface Hours {
  timeZone: string
  weekly: readonly WeeklyHours[]
  holidays: readonly string[]
}

interface LocalDay {
  date: string
  /** Monday = 1 ... Sunday = 7 */
  weekday: number
  minute: number
  y: number
  m: number
  d: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()
const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 }

function localParts(timeZone: string, at: Date): LocalDay {
  let format = formatters.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
    formatters.set(timeZone, format)
  }
  const part: Record<string, string> = {}
  for (const p of format.formatToParts(at)) part[p.type] = p.value
  const y = Number(part.year)
  const m = Number(part.month)
  const d = Number(part.day)
  return {
    date: `${part.year}-${part.month}-${part.day}`,
    weekday: weekdays[part.weekday!]!,
    minute: Number(part.hour) * 60 + Number(part.minute),
    y,
    m,
    d,
  }
}

const toMinute = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))

/** The UTC instant of a local wall-clock time (read twice, so a DST change between guesses is right). */
function instantOf(timeZone: string, y: number, m: number, d: number, minute: number): number {
  const wall = Date.UTC(y, m - 1, d, 0, minute)
  let guess = wall
  for (let i = 0; i < 2; i++) {
    const p = localParts(timeZone, new Date(guess))
    const seen = Date.UTC(p.y, p.m - 1, p.d, 0, p.minute)
    guess += wall - seen
  }
  return guess
}

export function isWithinHours(hours: Hours, at: Date): boolean {
  const local = localParts(hours.timeZone, at)
  if (hours.holidays.includes(local.date)) return false
  return hours.weekly.some((h) => h.day === local.weekday && toMinute(h.open) <= local.minute && local.minute < toMinute(h.close))
}

/** When `minutes` of open time counted from `start` are used up; null for a calendar that never opens. */
export function addBusinessMinutes(hours: Hours, start: Date, minutes: number): Date | null {
  if (hours.weekly.length === 0) return null
  let left = minutes * 60_000
  const first = localParts(hours.timeZone, start)
  // Two years of days is far past any target; a calendar of holidays only ends the walk.
  for (let day = 0; day < 730; day++) {
    const noon = new Date(Date.UTC(first.y, first.m - 1, first.d + day, 12))
    const { y, m, d } = { y: noon.getUTCFullYear(), m: noon.getUTCMonth() + 1, d: noon.getUTCDate() }
    const local = localParts('UTC', noon)
    const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
    if (hours.holidays.includes(date)) continue
    const intervals = hours.weekly
      .filter((h) => h.day === local.weekday)
      .map((h) => [toMinute(h.open), toMinute(h.close)] as const)
      .sort((a, b) => a[0] - b[0])
    for (const [open, close] of intervals) {
      const from = Math.max(instantOf(hours.timeZone, y, m, d, open), start.getTime())
      const to = instantOf(hours.timeZone, y, m, d, close)
      if (to <= from) continue
      if (to - from >= left) return new Date(from + left)
      left -= to - from
    }
  }
  return null
}
