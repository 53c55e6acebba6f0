// The browser's own database: PGlite in IndexedDB, one per signed-in agent. The app reads every list and
// thread from here, so it opens before the network answers and keeps working offline. Rows keep the API
// shape whole in `data`; the columns beside it are what the inbox filters, sorts and searches on.
import { PGlite } from '@electric-sql/pglite'
import { claimLocalDb } from './tab-lock.ts'

export type LocalDb = PGlite

const schema = `
create table if not exists tickets (
  id text primary key,
  data jsonb not null,
  number int not null,
  priority text not null,
  priority_score float8,
  waiting_since timestamptz,
  status text not null,
  channel_kind text not null,
  assignee_id text,
  team_id text,
  tags jsonb not null,
  contact_id text not null,
  contact_name text,
  subject text,
  preview text,
  last_message_at timestamptz not null,
  seen_at timestamptz
);
create index if not exists tickets_activity_idx on tickets (last_message_at desc, id desc);
create table if not exists messages (
  id text primary key,
  ticket_id text not null,
  created_at timestamptz not null,
  body text not null,
  data jsonb not null
);
create index if not exists messages_ticket_idx on messages (ticket_id, created_at);
create table if not exists contacts (id text primary key, name text, data jsonb not null);
create table if not exists outbox (
  key text primary key,
  ticket_id text not null,
  kind text not null,
  payload jsonb not null,
  created_at timestamptz not null default now(),
  error text
);
create table if not exists meta (key text primary key, value text not null);
`

export function localDbName(agentId: string): string {
  return `helpdesk-${agentId}`
}

/** Where a ticket's shared document is kept in this browser for the agent (removed at sign-out too). */
export function ticketDocName(agentId: string, ticketId: string): string {
  return `${localDbName(agentId)}-doc-${ticketId}`
}

/** Bumped with every change to the tables above: the local database is a cache, rebuilt by a new sync. */
const schemaVersion = '3'

export interface OpenedLocalDb {
  db: LocalDb
  /** The stored copy no longer opened and was built anew (writes waiting in it are lost). */
  rebuilt: boolean
  /** Another tab owns the stored copy: this one keeps its own in memory, filled by a full sync. */
  inMemory: boolean
  /** Closes the database and lets another tab own the stored copy. */
  close(): Promise<void>
}

/**
 * Opens the agent's local database. A tab closed while IndexedDB was being written can leave files
 * half-stored; the database is a cache of the server, so one that no longer opens is deleted and built
 * again by the next sync (its unsent writes are lost with it, which the caller is told).
 */
export async function openLocalDb(agentId: string): Promise<OpenedLocalDb> {
  const release = await claimLocalDb(agentId)
  if (!release) {
    const db = await prepare(await PGlite.create())
    return { db, rebuilt: false, inMemory: true, close: () => db.close() }
  }
  const opened = (db: LocalDb, rebuilt: boolean): OpenedLocalDb => ({
    db,
    rebuilt,
    inMemory: false,
    close: () => db.close().finally(release),
  })
  try {
    return opened(await openOrCreate(agentId), false)
  } catch (error) {
    console.warn('local database damaged, building it again', error)
    await deleteLocalDb(agentId)
    return opened(await openOrCreate(agentId), true)
  }
}

async function openOrCreate(agentId: string): Promise<LocalDb> {
  // relaxedDurability: a write returns before IndexedDB has flushed; the server holds the truth and the
  // outbox is re-read on start, so a crash loses at most the last moment of cache.
  return prepare(await PGlite.create(`idb://${localDbName(agentId)}`, { relaxedDurability: true }))
}

/** Creates the tables, or rebuilds them when their layout changed. */
async function prepare(db: LocalDb): Promise<LocalDb> {
  performance.mark('local-db-open')
  const current = await db
    .query<{ value: string }>(`select value from meta where key = 'schema'`)
    .then((r) => r.rows[0]?.value ?? null)
    .catch(() => null)
  if (current !== schemaVersion) {
    // Unsent writes survive the rebuild; everything else comes again from the server.
    const waiting = await db
      .query('select * from outbox')
      .then((r) => r.rows)
      .catch(() => [])
    await db.exec('drop table if exists tickets, messages, contacts, outbox, meta')
    await db.exec(schema)
    if (waiting.length)
      await db.query('insert into outbox select * from jsonb_populate_recordset(null::outbox, $1)', [JSON.stringify(waiting)])
    await writeMeta(db, 'schema', schemaVersion)
  }
  return db
}

export async function readMeta(db: LocalDb, key: string): Promise<string | null> {
  const result = await db.query<{ value: string }>('select value from meta where key = $1', [key])
  return result.rows[0]?.value ?? null
}

export async function writeMeta(db: LocalDb, key: string, value: string): Promise<void> {
  await db.query('insert into meta (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value', [
    key,
    value,
  ])
}

/** Sign-out: the agent's cached tickets must not stay in the browser. */
export async function deleteLocalDb(agentId: string): Promise<void> {
  // PGlite names its IndexedDB database after its mount path; find it rather than guess the prefix.
  const names = (await indexedDB.databases())
    .map((d) => d.name ?? '')
    .filter((n) => n.endsWith(localDbName(agentId)) || n.startsWith(ticketDocName(agentId, '')))
  await Promise.all(
    names.map(
      (name) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(name)
          request.onsuccess = request.onerror = request.onblocked = () => resolve()
        }),
    ),
  )
}
