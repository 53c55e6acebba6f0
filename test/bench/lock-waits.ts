// Samples what the server's PostgreSQL connections wait on during a phase (pg_stat_activity every
// 20 ms), so an ingest row can say when batches queue behind one another's row locks.
import postgres from 'postgres'
import { pgAdminUrl } from './pg-admin.ts'

export interface WaitSummary {
  /** Mean number of the server's connections waiting on a heavyweight lock. */
  lockWaiters: number
  /** The statement most often seen waiting, and its wait event. */
  topWait: string | null
}

/** Starts sampling the server's connections to `databaseUrl`; the returned function stops and summarises. */
export function sampleLockWaits(databaseUrl: string): () => Promise<WaitSummary> {
  const name = new URL(databaseUrl).pathname.slice(1)
  const sql = postgres(pgAdminUrl, { max: 1, onnotice: () => {} })
  const seen = new Map<string, number>()
  let samples = 0
  let waiters = 0
  let running = true
  const loop = (async () => {
    while (running) {
      const rows = await sql<{ wait: string; query: string }[]>`
        select wait_event_type || ':' || wait_event as wait, left(regexp_replace(query, '\\s+', ' ', 'g'), 60) as query
        from pg_stat_activity
        where datname = ${name} and application_name = 'helpdesk' and state = 'active' and wait_event_type = 'Lock'`
      samples++
      waiters += rows.length
      for (const r of rows) seen.set(`${r.wait} in "${r.query}"`, (seen.get(`${r.wait} in "${r.query}"`) ?? 0) + 1)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  })()
  return async () => {
    running = false
    await loop
    await sql.end({ timeout: 1 })
    const top = [...seen].sort((a, b) => b[1] - a[1])[0]
    return { lockWaiters: samples ? waiters / samples : 0, topWait: top ? top[0] : null }
  }
}
