// Several independent writes in one statement (one round trip): each becomes a data-modifying CTE,
// which PostgreSQL runs exactly once and to completion whether or not anything reads its output.
import { type SQL, sql } from 'drizzle-orm'
import type { Db } from './create-db.ts'

export async function runTogether(db: Db, statements: readonly (SQL | null)[]): Promise<void> {
  const parts = statements.filter((s): s is SQL => s !== null)
  if (parts.length === 0) return
  if (parts.length === 1) {
    await db.execute(parts[0]!)
    return
  }
  const ctes = sql.join(
    parts.map((part, i) => sql`${sql.raw(`w${i}`)} as (${part})`),
    sql`, `,
  )
  await db.execute(sql`with ${ctes} select 1`)
}
