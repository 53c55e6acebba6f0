// Every list's cursor (sync, tickets, contacts): the sort key of the last row a page showed, opaque to
// clients, and read back in one place. A cursor is checked part by part before it reaches SQL, so a
// crafted one (a time PostgreSQL cannot read, an id that is not a UUID, a score out of range) is a 400
// naming the cursor, never a 500.
import { AppError } from '../../shared/errors.ts'
import { uuidPattern } from '../../shared/schema/common.ts'
import { parseXid } from './commit-snapshot.ts'
import { parseTimestamp } from './timestamp.ts'

/** `time`: ISO-8601 UTC; `id`: a UUID; `real`: a number a PostgreSQL real holds; `xid`: a transaction id. */
export type CursorPart = 'time' | 'id' | 'real' | 'xid'
type PartValue<P extends CursorPart> = P extends 'real' ? number : string
export type CursorValues<P extends readonly CursorPart[]> = { [K in keyof P]: PartValue<P[K]> }

const separator = '|'
/** A real's range: past the largest it overflows, below the smallest normal it underflows, both refused. */
const maxReal = 3.4028234663852886e38
const minReal = 1.1754943508222875e-38
const decimal = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i
const base64url = /^[A-Za-z0-9_-]{1,400}$/

export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(values.map(String).join(separator)).toString('base64url')
}

/** The cursor's values, each of the kind the list sorts by; 400 for anything this server did not give out. */
export function decodeCursor<const P extends readonly CursorPart[]>(text: string, parts: P): CursorValues<P> {
  const values = cursorValues(text)
  if (values.length !== parts.length) throw invalidCursor()
  return parts.map((part, i) => readCursorPart(part, values[i]!)) as CursorValues<P>
}

/** The cursor's parts, unchecked (none for text that is not a cursor), for a list whose cursors take several forms. */
export function cursorValues(text: string): string[] {
  return base64url.test(text) ? Buffer.from(text, 'base64url').toString('utf8').split(separator) : []
}

/** One part, checked; 400 when it is not of its kind. */
export function readCursorPart<P extends CursorPart>(part: P, text: string): PartValue<P>
export function readCursorPart(part: CursorPart, text: string): string | number {
  if (part === 'id' && uuidPattern.test(text)) return text
  if (part === 'xid' && parseXid(text) !== null) return text
  if (part === 'time') {
    const time = parseTimestamp(text)
    if (time) return time
  }
  if (part === 'real' && decimal.test(text)) {
    const n = Number(text)
    if (n === 0 || (Math.abs(n) >= minReal && Math.abs(n) <= maxReal)) return n
  }
  throw invalidCursor()
}

export function invalidCursor(): AppError {
  return new AppError('invalid_input', 'The cursor is not one this server gave out.', [
    { path: 'cursor', message: 'Invalid cursor', code: 'custom' },
  ])
}
