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
  close(): Promise<void>
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
  return { db: db as unknown as Db, kind: 'postgres', concurrency: max, close: () => client.end({ timeout: 5 }) }
}

async function openPglite(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true })
  const client = await PGlite.create({ dataDir: `${dataDir}/pglite` })
  const db = drizzlePglite({ client })
  await migratePglite(db, { migrationsFolder })
  return { db: db as unknown as Db, kind: 'pglite', concurrency: 1, close: () => client.close() }
}
