// An empty database for one server process: a new PGlite data directory, or a new PostgreSQL database.
// The server migrates it at start-up; the bench opens it again after the server stopped, to count.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Database } from '../../server/db/create-db.ts'
import { createDatabase, databaseUrl, dropDatabase, withAdmin } from './pg-admin.ts'
import type { TargetKind } from './targets.ts'

export interface FreshDatabase {
  /** DATA_DIR, and DATABASE_URL on PostgreSQL, for the server process. */
  env: Record<string, string>
  open(): Promise<Database>
  remove(): Promise<void>
}

export async function freshDatabase(kind: TargetKind, label: string): Promise<FreshDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `helpdesk-bench-${label}-`))
  if (kind === 'pglite') {
    return {
      env: { DATA_DIR: dataDir },
      open: () => createDb({ dataDir }),
      remove: async () => rmSync(dataDir, { recursive: true, force: true }),
    }
  }
  const name = `helpdesk_bench_${label}_${process.pid}`
  await withAdmin(async (sql) => {
    await dropDatabase(sql, name)
    await createDatabase(sql, name)
  })
  const url = databaseUrl(name)
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url },
    open: () => createDb({ dataDir, databaseUrl: url }),
    async remove() {
      await withAdmin((sql) => dropDatabase(sql, name))
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
