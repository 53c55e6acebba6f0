// The seeded databases, kept between runs under a version key (a hash of the corpus code, the seeding
// code and the migrations, and the size): a PGlite data directory under BENCH_CACHE_DIR (copied for each
// run, so the cache stays pristine), a PostgreSQL database named after the key (used in place; the query
// rows only add sign-in sessions). Both are built under a temporary name and renamed when complete; a
// new version replaces the older ones of the same size.
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { createDb, type Database, type Db } from '../../server/db/create-db.ts'
import { databaseExists, databaseUrl, dropDatabase, withAdmin } from './pg-admin.ts'
import { seedDatabase, type TermCount } from './seed-database.ts'
import type { BenchTarget } from './targets.ts'

export interface SeedMeta {
  version: string
  tickets: number
  messages: number
  seedSeconds: number
  terms: TermCount[]
}

export interface SeededDatabase {
  meta: SeedMeta
  /** False when it was built in this run. */
  fromCache: boolean
  /** DATA_DIR (and DATABASE_URL) for the server. */
  env: Record<string, string>
  /** Opens it in this process (PGlite: only while no server runs on it). */
  open(): Promise<Database>
  release(): Promise<void>
}

const cacheRoot = process.env.BENCH_CACHE_DIR ?? join(tmpdir(), 'helpdesk-bench-cache')
const root = new URL('../..', import.meta.url).pathname
const seedSources = ['random.ts', 'phrases.ts', 'corpus.ts', 'search-terms.ts', 'column-values.ts', 'seed-database.ts']

function seedVersion(target: BenchTarget): string {
  const hash = createHash('sha256')
  for (const file of seedSources) hash.update(readFileSync(join(root, 'test/bench', file)))
  const migrations = join(root, 'migrations')
  for (const file of readdirSync(migrations)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash.update(file).update(readFileSync(join(migrations, file)))
  }
  return `${target.messages}_${hash.digest('hex').slice(0, 12)}`
}

function shapeOf(target: BenchTarget) {
  return { tickets: target.tickets, messages: target.messages, ticketsPerChunk: 1_000, now: new Date() }
}

/** `writable`: the caller writes (tickets, agents), so PostgreSQL gets a copy of the cached database too. */
export async function seededDatabase(
  target: BenchTarget,
  log: (line: string) => void,
  options: { writable?: boolean } = {},
): Promise<SeededDatabase> {
  const version = seedVersion(target)
  return target.kind === 'pglite'
    ? seededPglite(target, version, log)
    : seededPostgres(target, version, log, options.writable ?? false)
}

async function seededPglite(target: BenchTarget, version: string, log: (line: string) => void): Promise<SeededDatabase> {
  const dir = join(cacheRoot, `pglite-${version}`)
  const metaFile = join(dir, 'seed.json')
  let fromCache = true
  if (!existsSync(metaFile)) {
    fromCache = false
    const building = `${dir}.building`
    rmSync(building, { recursive: true, force: true })
    mkdirSync(cacheRoot, { recursive: true })
    log(`  seeding PGlite with ${target.messages} messages into ${dir}`)
    const started = performance.now()
    const database = await createDb({ dataDir: building })
    const terms = await seedDatabase(database.db, shapeOf(target), log).finally(() => database.close())
    const meta: SeedMeta = { version, ...counts(target), seedSeconds: (performance.now() - started) / 1000, terms }
    writeFileSync(join(building, 'seed.json'), JSON.stringify(meta, null, 2))
    rmSync(dir, { recursive: true, force: true })
    renameSync(building, dir)
    for (const stale of readdirSync(cacheRoot).filter(
      (d) => d.startsWith(`pglite-${target.messages}_`) && join(cacheRoot, d) !== dir,
    )) {
      rmSync(join(cacheRoot, stale), { recursive: true, force: true })
    }
  }
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as SeedMeta
  const work = mkdtempSync(join(tmpdir(), 'helpdesk-bench-query-'))
  cpSync(join(dir, 'pglite'), join(work, 'pglite'), { recursive: true })
  return {
    meta,
    fromCache,
    env: { DATA_DIR: work },
    open: () => createDb({ dataDir: work }),
    release: async () => rmSync(work, { recursive: true, force: true }),
  }
}

async function seededPostgres(
  target: BenchTarget,
  version: string,
  log: (line: string) => void,
  writable: boolean,
): Promise<SeededDatabase> {
  const name = `helpdesk_bench_${version}`
  let meta = await withAdmin(async (admin) => ((await databaseExists(admin, name)) ? readComment(admin, name) : null))
  const fromCache = meta !== null
  if (!meta) {
    const building = `${name}_building`
    log(`  seeding PostgreSQL with ${target.messages} messages into database ${name}`)
    const started = performance.now()
    await withAdmin(async (admin) => {
      await dropDatabase(admin, building)
      await admin.unsafe(`create database "${building}" encoding 'UTF8' template template0`)
    })
    const migrated = await createDb({ dataDir: '', databaseUrl: databaseUrl(building) })
    await migrated.close()
    const terms = await withOneConnection(databaseUrl(building), (db) => seedDatabase(db, shapeOf(target), log))
    meta = { version, ...counts(target), seedSeconds: (performance.now() - started) / 1000, terms }
    const done = meta
    await withAdmin(async (admin) => {
      await admin.unsafe(`comment on database "${building}" is '${JSON.stringify(done).replaceAll("'", "''")}'`)
      await admin.unsafe(`alter database "${building}" rename to "${name}"`)
      // Earlier versions of the same size only take disk space now. (Not LIKE: its _ matches any
      // character, so the 100,000-message prefix would take the 1,000,000-message database too.)
      const stale = await admin<{ datname: string }[]>`
        select datname from pg_database
        where starts_with(datname, ${`helpdesk_bench_${target.messages}_`}) and datname <> ${name}`
      for (const { datname } of stale) await dropDatabase(admin, datname)
    })
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'helpdesk-bench-query-'))
  const copy = writable ? `helpdesk_bench_work_${process.pid}` : null
  if (copy) {
    await withAdmin(async (admin) => {
      await dropDatabase(admin, copy)
      await admin.unsafe(`create database "${copy}" template "${name}"`)
    })
  }
  const url = databaseUrl(copy ?? name)
  return {
    meta,
    fromCache,
    env: { DATA_DIR: dataDir, DATABASE_URL: url },
    open: () => createDb({ dataDir, databaseUrl: url }),
    release: async () => {
      if (copy) await withAdmin((admin) => dropDatabase(admin, copy))
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

function counts(target: BenchTarget) {
  return { tickets: target.tickets, messages: target.messages }
}

async function readComment(admin: postgres.Sql, name: string): Promise<SeedMeta | null> {
  const [row] = await admin<{ comment: string | null }[]>`
    select shobj_description(oid, 'pg_database') as comment from pg_database where datname = ${name}`
  return row?.comment ? (JSON.parse(row.comment) as SeedMeta) : null
}

/** Seeding sets session settings, so it needs one connection, not the server's pool. */
async function withOneConnection<T>(url: string, run: (db: Db) => Promise<T>): Promise<T> {
  const client = postgres(url, { max: 1, onnotice: () => {} })
  try {
    return await run(drizzle({ client }) as unknown as Db)
  } finally {
    await client.end({ timeout: 5 })
  }
}
