// The local database's tables. Rows keep the API shape whole in `data`; the columns beside it are what the
// inbox filters, sorts and searches on. The database is a cache of the server: a new layout drops and
// rebuilds it (the outbox's unsent writes are carried over), and the next sync fills it again.
import type { PGliteInterface } from '@electric-sql/pglite'

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
  last_message_at timestamptz not null
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
-- The agent's read marks, as the server keeps them (inbox/read-marks.ts); null seen_at: marked unread.
create table if not exists ticket_reads (ticket_id text primary key, seen_at timestamptz);
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

/** Bumped with every change to the tables above. */
const schemaVersion = '5'

/** Creates the tables, or rebuilds them when their layout changed. */
export async function prepareLocalDb<Db extends PGliteInterface>(db: Db): Promise<Db> {
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
    await db.exec('drop table if exists tickets, messages, contacts, ticket_reads, outbox, meta')
    await db.exec(schema)
    if (waiting.length)
      await db.query('insert into outbox select * from jsonb_populate_recordset(null::outbox, $1)', [JSON.stringify(waiting)])
    await writeMeta(db, 'schema', schemaVersion)
  }
  return db
}

export async function readMeta(db: PGliteInterface, key: string): Promise<string | null> {
  const result = await db.query<{ value: string }>('select value from meta where key = $1', [key])
  return result.rows[0]?.value ?? null
}

export async function writeMeta(db: PGliteInterface, key: string, value: string): Promise<void> {
  await db.query('insert into meta (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value', [
    key,
    value,
  ])
}
