// Reads a test server's database directly, to check what is stored at rest. PostgreSQL is queried while
// the server runs; an embedded PGlite directory can be opened by one process only, so the server must be
// stopped first (the caller restarts it).
import { PGlite } from '@electric-sql/pglite'
import postgres from 'postgres'
import type { TestServer } from './test-server.ts'

export async function queryServerDatabase<T = Record<string, unknown>>(server: TestServer, query: string): Promise<T[]> {
  if (server.env.DATABASE_URL) {
    const client = postgres(server.env.DATABASE_URL, { max: 1, onnotice: () => {} })
    try {
      return (await client.unsafe(query)) as unknown as T[]
    } finally {
      await client.end()
    }
  }
  const db = new PGlite(`${server.env.DATA_DIR}/pglite`)
  try {
    return (await db.query<T>(query)).rows
  } finally {
    await db.close()
  }
}
