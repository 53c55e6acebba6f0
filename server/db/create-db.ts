// Opens the one database handle: embedded PGlite in DATA_DIR by default, PostgreSQL when DATABASE_URL is set.
// Both are driven through drizzle's PgDatabase, so every query has one code path.
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'

export type Db = PgDatabase<PgQueryResultHKT>
export type DbKind = 'pglite' | 'postgres'

export interface Database {
  readonly db: Db
  readonly kind: DbKind
  /** How many transactions may usefully run at once (PGlite has one connection). */
  readonly concurrency: number
  /** PostgreSQL's LISTEN/NOTIFY, for server processes sharing one database; null on PGlite (one process). */
  readonly notifications: Notifications | null
  close(): Promise<void>
}

export interface Notifications {
  /** Calls `onMessage` for every NOTIFY on the channel; `onListen` each time listening (re)starts. */
  listen(channel: string, onMessage: (payload: string) => void, onListen: () => void): Promise<void>
  notify(channel: string, payload: string): Promise<void>
}

const migrationsFolder = new URL('../../migrations', import.meta.url).pathname

export async function createDb(options: { dataDir: string; databaseUrl?: string | undefined }): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl)
  return openPglite(options.dataDir)
}

async function openPostgres(url: string): Promise<Database> {
  const max = 10
  const client = postgres(url, { max, onnotice: () => {}, connection: { application_name: 'helpdesk' } })
  const db = drizzlePostgres({ client })
  await migratePostgres(db, { migrationsFolder })
  const notifications: Notifications = {
    listen: async (channel, onMessage, onListen) => {
      await client.listen(channel, onMessage, onListen)
    },
    notify: async (channel, payload) => {
      await client.notify(channel, payload)
    },
  }
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    concurrency: max,
    notifications,
    close: () => client.end({ timeout: 5 }),
  }
}

async function openPglite(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true })
  const client = await PGlite.create({ dataDir: `${dataDir}/pglite` })
  const db = drizzlePglite({ client })
  await migratePglite(db, { migrationsFolder })
  return { db: db as unknown as Db, kind: 'pglite', concurrency: 1, notifications: null, close: () => client.close() }
}
