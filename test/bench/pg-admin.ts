// The PostgreSQL the bench may use: a superuser URL (BENCH_PG_URL), probed once; databases made and
// dropped through it. The PostgreSQL rows are skipped when it does not answer.
import postgres from 'postgres'

export const pgAdminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export type AdminSql = postgres.Sql

/** The server's version, or null with the reason it could not be reached. */
export async function probePostgres(): Promise<{ version: string | null; reason: string }> {
  const sql = postgres(pgAdminUrl, { max: 1, onnotice: () => {}, connect_timeout: 3 })
  try {
    const [row] = await sql<{ server_version: string }[]>`show server_version`
    return { version: row!.server_version, reason: '' }
  } catch (error) {
    return { version: null, reason: error instanceof Error ? error.message : String(error) }
  } finally {
    await sql.end({ timeout: 1 })
  }
}

export async function withAdmin<T>(run: (sql: AdminSql) => Promise<T>): Promise<T> {
  const sql = postgres(pgAdminUrl, { max: 1, onnotice: () => {} })
  try {
    return await run(sql)
  } finally {
    await sql.end({ timeout: 5 })
  }
}

export function databaseUrl(name: string): string {
  const url = new URL(pgAdminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

export async function databaseExists(sql: AdminSql, name: string): Promise<boolean> {
  const found = await sql`select 1 from pg_database where datname = ${name}`
  return found.length > 0
}

export async function dropDatabase(sql: AdminSql, name: string): Promise<void> {
  await sql.unsafe(`drop database if exists "${name}" with (force)`)
}

export async function createDatabase(sql: AdminSql, name: string): Promise<void> {
  await sql.unsafe(`create database "${name}" encoding 'UTF8' template template0`)
}

/** Process ids of the server's connections to one database (readable in /proc when PostgreSQL is local). */
export async function backendPids(databaseUrlText: string): Promise<number[]> {
  const name = new URL(databaseUrlText).pathname.slice(1)
  return withAdmin(async (sql) => {
    const found = await sql<{ pid: number }[]>`
      select pid from pg_stat_activity where datname = ${name} and application_name = 'helpdesk'`
    return found.map((r) => r.pid)
  })
}
