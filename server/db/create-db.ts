// Opens the one database handle: embedded PGlite in DATA_DIR by default, PostgreSQL when DATABASE_URL is set.
// Both are driven through drizzle's PgDatabase, so every query has one code path.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import type { Logger } from '../log.ts'
import { projectRoot } from '../project-root.ts'
import { openPostgres } from './open-postgres.ts'

export type Db = PgDatabase<PgQueryResultHKT>
export type DbKind = 'pglite' | 'postgres'

export interface Database {
  readonly db: Db
  readonly kind: DbKind
  /** How many transactions may usefully run at once (PGlite has one connection). */
  readonly concurrency: number
  /** PostgreSQL's LISTEN/NOTIFY, for server processes sharing one database; null on PGlite (one process). */
  readonly notifications: Notifications | null
  /**
   * LISTEN for what the database's own triggers NOTIFY, on both drivers (PGlite delivers its own
   * notifications to this process). `onListen` runs each time listening (re)starts: notifications sent
   * while it was down are lost.
   */
  listen(channel: string, onMessage: (payload: string) => void, onListen: () => void): Promise<void>
  /** Rejects when the database does not answer within a moment (the health check). */
  ping(): Promise<void>
  /** After a fault of the database driver: its connections are replaced as soon as the database answers. */
  renewConnections(): void
  close(): Promise<void>
}

export interface Notifications {
  /** Calls `onMessage` for every NOTIFY on the channel; `onListen` each time listening (re)starts. */
  listen(channel: string, onMessage: (payload: string) => void, onListen: () => void): Promise<void>
  notify(channel: string, payload: string): Promise<void>
}

const migrationsFolder = join(projectRoot, 'migrations')

export async function createDb(options: { dataDir: string; databaseUrl?: string | undefined; log?: Logger }): Promise<Database> {
  if (options.databaseUrl) {
    const postgres = await openPostgres(options.databaseUrl, migrationsFolder, options.log)
    return { ...postgres, db: postgres.db as unknown as Db, kind: 'postgres', listen: postgres.notifications.listen }
  }
  return openPglite(options.dataDir)
}

async function openPglite(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true })
  const client = await PGlite.create({ dataDir: `${dataDir}/pglite` })
  const db = drizzlePglite({ client })
  await migratePglite(db, { migrationsFolder })
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    concurrency: 1,
    notifications: null,
    async listen(channel, onMessage, onListen) {
      await client.listen(channel, onMessage)
      onListen()
    },
    ping: async () => {
      await db.execute(sql`select 1`)
    },
    renewConnections: () => {},
    close: () => client.close(),
  }
}
