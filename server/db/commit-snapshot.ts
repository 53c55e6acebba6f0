// A position in commit order: what a PostgreSQL snapshot (pg_current_snapshot()) could see. Rows carry the
// id of the transaction that last changed them (changed_xid, kept by triggers); a row changed "after" a
// snapshot is one whose transaction the snapshot could not see: one at or past its xmax, or one still in
// progress when it was taken (its xip list). Unlike a time, this never skips a transaction that ran
// before the position was taken and committed after it, and it re-reads nothing the snapshot saw.
import { type Column, type SQL, sql } from 'drizzle-orm'
import type { Db } from './create-db.ts'
import { rows } from './rows.ts'

export interface CommitSnapshot {
  /** Every transaction from here on was not yet visible. */
  xmax: bigint
  /** Transactions below xmax still in progress (not visible), ascending. */
  xip: bigint[]
}

const maxXid8 = 2n ** 64n - 1n
const xidText = /^\d{1,20}$/

/** A transaction id as PostgreSQL prints an xid8; null for anything else. */
export function parseXid(text: string): bigint | null {
  if (!xidText.test(text)) return null
  const value = BigInt(text)
  return value <= maxXid8 ? value : null
}

/** PostgreSQL's text form "xmin:xmax:xip,…"; null unless it is one PostgreSQL itself would read back. */
export function parseSnapshot(text: string): CommitSnapshot | null {
  const parts = text.split(':')
  if (parts.length !== 3) return null
  const xmin = parseXid(parts[0]!)
  const xmax = parseXid(parts[1]!)
  if (xmin === null || xmax === null || xmin > xmax) return null
  const xip: bigint[] = []
  for (const part of parts[2] ? parts[2].split(',') : []) {
    const xid = parseXid(part)
    if (xid === null || xid < xmin || xid >= xmax || (xip.length && xid <= xip.at(-1)!)) return null
    xip.push(xid)
  }
  return { xmax, xip }
}

export function formatSnapshot(snapshot: CommitSnapshot): string {
  return `${snapshot.xip[0] ?? snapshot.xmax}:${snapshot.xmax}:${snapshot.xip.join(',')}`
}

/**
 * The snapshot with at most `maxInProgress` transactions listed: the rest, and everything after them,
 * count as not visible. A coarser position re-reads the few transactions that committed in between;
 * it never skips one.
 */
export function coarsen(snapshot: CommitSnapshot, maxInProgress: number): CommitSnapshot {
  if (snapshot.xip.length <= maxInProgress) return snapshot
  return { xmax: snapshot.xip[maxInProgress]!, xip: snapshot.xip.slice(0, maxInProgress) }
}

/** Rows whose changing transaction `snapshot` could not see (both halves can use an index on the column). */
export function changedAfter(column: Column | SQL, snapshot: CommitSnapshot): SQL {
  const later = sql`${column} >= ${snapshot.xmax.toString()}::xid8`
  if (!snapshot.xip.length) return later
  return sql`(${later} or ${column} = any(${`{${snapshot.xip.join(',')}}`}::xid8[]))`
}

/**
 * The snapshot the next statement on `db` reads in. In a REPEATABLE READ transaction (its first
 * statement) it is the transaction's own; otherwise it is taken now, so reading after it re-reads at
 * worst what committed in between.
 */
export async function currentSnapshot(db: Db): Promise<CommitSnapshot> {
  const [row] = await rows<{ snapshot: string }>(db, sql`select pg_current_snapshot()::text as snapshot`)
  const snapshot = row && parseSnapshot(row.snapshot)
  if (!snapshot) throw new Error(`PostgreSQL answered a snapshot this server cannot read: ${row?.snapshot}`)
  return snapshot
}
