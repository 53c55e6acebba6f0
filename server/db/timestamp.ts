// Times that come from outside (cursors, providers' timestamps) are read here, and only in the form
// PostgreSQL's timestamptz reads the same way JavaScript does. JavaScript's Date accepts far more
// ("0", "1 2", "+275760-09-13T00:00:00Z", years past 9999 that toISOString writes with six digits) and
// PostgreSQL refuses those with an error: read here, such a time is bad input, never a 500.

/** ISO-8601 in UTC, with up to the database's microseconds: what this server writes into cursors. */
const isoUtc = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?Z$/

/** The first and last instants whose ISO form has a four-digit year from 0001 (PostgreSQL has no year 0). */
export const earliestTime = Date.parse('0001-01-01T00:00:00.000Z')
export const latestTime = Date.parse('9999-12-31T23:59:59.999Z')

/** The text, when it is an ISO-8601 UTC time both sides read alike; null otherwise. */
export function parseTimestamp(text: string): string | null {
  const parts = isoUtc.exec(text)
  if (!parts) return null
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number) as number[]
  const date = new Date(0)
  date.setUTCFullYear(year!, month! - 1, day!)
  // A day that does not exist (02-30) rolls over in JavaScript and is refused by PostgreSQL.
  const sameDay = date.getUTCFullYear() === year && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day
  return year! >= 1 && sameDay && hour! < 24 && minute! < 60 && second! < 60 ? text : null
}

/** Epoch milliseconds the database can store and give back in the same ISO form. */
export function isStorableTime(ms: number): boolean {
  return Number.isFinite(ms) && ms >= earliestTime && ms <= latestTime
}
