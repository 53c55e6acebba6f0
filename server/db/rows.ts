// Raw SQL for the few queries the builder cannot say well; both drivers' results read the same way.
import type { SQL } from 'drizzle-orm'
import type { Db } from './create-db.ts'

/** Runs a raw statement and returns its rows, whichever driver answered. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown
  if (Array.isArray(result)) return result as T[]
  return (result as { rows: T[] }).rows
}
