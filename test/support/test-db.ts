// A fresh migrated database for tests that call set-based SQL directly (`*.pg.test.ts`): a copy of the
// run's template, PGlite by default and PostgreSQL under `npm run test:pg`. Opened before the file's
// tests, closed after.
import { afterAll, beforeAll, inject } from 'vitest'
import { createDb, type Database } from '../../server/db/create-db.ts'
import { freshDatabaseEnv } from './test-database.ts'

export function useTestDatabase(): { database: Database } {
  const holder = {} as { database: Database }
  beforeAll(async () => {
    const env = await freshDatabaseEnv(inject('databaseTemplate'))
    holder.database = await createDb({ dataDir: env.DATA_DIR!, databaseUrl: env.DATABASE_URL })
  })
  afterAll(() => holder.database?.close())
  return holder
}
