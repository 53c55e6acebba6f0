// Tells live sync streams that tickets changed. It watches the database rather than the code paths that
// write (ingest, replies, rules, other server nodes), so no writer has to remember to publish: one cheap
// indexed query per interval, and only while at least one stream listens.
import { sql } from 'drizzle-orm'
import type { Db } from '../db/create-db.ts'
import { tickets } from '../db/schema/tickets.ts'
import type { Logger } from '../log.ts'

export interface ChangeWatch {
  /** Calls `onChange` after every change seen; returns the function that stops listening. */
  listen(onChange: () => void): () => void
}

export function createChangeWatch(db: Db, log: Logger, intervalMs = 50): ChangeWatch {
  const listeners = new Set<() => void>()
  let last = ''
  let timer: NodeJS.Timeout | null = null
  let checking = false

  async function check(): Promise<void> {
    if (checking) return
    checking = true
    try {
      const [row] = await db.select({ at: sql<string | null>`max(${tickets.changedAt})::text` }).from(tickets)
      const at = row?.at ?? ''
      if (at !== last) {
        last = at
        for (const listener of listeners) listener()
      }
    } catch (error) {
      log.warn('could not check for ticket changes', { error })
    } finally {
      checking = false
    }
  }

  return {
    listen(onChange) {
      listeners.add(onChange)
      if (!timer) {
        timer = setInterval(() => void check(), intervalMs)
        timer.unref()
      }
      return () => {
        listeners.delete(onChange)
        if (listeners.size === 0 && timer) {
          clearInterval(timer)
          timer = null
        }
      }
    },
  }
}
