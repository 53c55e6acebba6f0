// Writes the generated corpus straight into a migrated database with multi-row INSERT ... SELECT FROM
// unnest(arrays) in big batches, with the column values the app itself writes (search vectors built from
// server/search/segment.ts, previews from the ingest pipeline). Secondary indexes are dropped while
// loading and rebuilt from their own definitions afterwards; then VACUUM ANALYZE.
import { type SQL, sql } from 'drizzle-orm'
import { ensureFirstAdmin, ensureWorkspace } from '../../server/bootstrap.ts'
import type { Db } from '../../server/db/create-db.ts'
import { newId } from '../../server/db/new-id.ts'
import { rows } from '../../server/db/rows.ts'
import { segmentForIndex, segmentForQuery } from '../../server/search/segment.ts'
import { channelKinds } from '../../shared/schema/common.ts'
import { benchAdmin } from './bench-server.ts'
import { contactSearchText, preview, ticketSearchText } from './column-values.ts'
import { type CorpusShape, generateCorpus, type SeedChunk } from './corpus.ts'
import { searchTerms } from './search-terms.ts'

export interface TermCount {
  key: string
  messages: number
  tickets: number
}

const seededTables = ['contacts', 'contact_identities', 'tickets', 'messages']

/** Seeds `db` (one connection, migrated, empty) and returns how many messages and tickets each term matches. */
export async function seedDatabase(db: Db, shape: CorpusShape, log: (line: string) => void): Promise<TermCount[]> {
  const workspaceId = await ensureWorkspace(db)
  await ensureFirstAdmin(db, workspaceId, benchAdmin, new Date())
  const channelIds = new Map<string, string>()
  for (const kind of channelKinds) {
    const id = newId()
    channelIds.set(kind, id)
    const config = kind === 'email' ? { address: 'support@example.com' } : {}
    await db.execute(sql`insert into channels (id, workspace_id, kind, name, config)
                         values (${id}, ${workspaceId}, ${kind}, ${`Seeded ${kind}`}, ${JSON.stringify(config)}::jsonb)`)
  }

  const indexes = await rows<{ indexname: string; indexdef: string }>(
    db,
    sql`select indexname, indexdef from pg_indexes
        where schemaname = 'public' and tablename = any(${sql.param(seededTables)}::text[]) and indexname not like '%_pkey'`,
  )
  for (const index of indexes) await db.execute(sql.raw(`drop index "${index.indexname}"`))
  // Rows are consistent by construction: skip the per-row foreign-key triggers while loading.
  await db.execute(sql`set session_replication_role = replica`)

  let written = 0
  for (const chunk of generateCorpus(shape)) {
    await db.transaction(async (tx) => {
      await insertContacts(tx, workspaceId, chunk)
      await insertTickets(tx, workspaceId, channelIds, chunk)
      await insertMessages(tx, workspaceId, chunk)
    })
    written += chunk.messages.length
    if (written % (shape.messages / 10) < chunk.messages.length) log(`    ${written} messages written`)
  }
  await db.execute(sql`set session_replication_role = origin`)
  await db.execute(sql`update workspaces set ticket_seq = ${shape.tickets} where id = ${workspaceId}`)

  log(`    rebuilding ${indexes.length} indexes`)
  await db.execute(sql`set maintenance_work_mem = '512MB'`)
  for (const index of indexes) await db.execute(sql.raw(index.indexdef))
  await db.execute(sql`vacuum analyze`)
  return countTerms(db)
}

/**
 * `unnest($1::type[], ...) as t(name, ...)`: one array parameter per column, one row per index. Times go
 * as text[] and are cast by the server (postgres.js, under drizzle, cannot send a timestamptz[] itself).
 */
function unnest(columns: Record<string, [values: readonly unknown[], type: string]>): SQL {
  const arrays = Object.values(columns).map(([values, type]) => sql`${sql.param(values)}::text[]::${sql.raw(type)}[]`)
  return sql`unnest(${sql.join(arrays, sql`, `)}) as t(${sql.raw(Object.keys(columns).join(', '))})`
}

const iso = (d: Date | null) => d?.toISOString() ?? null

async function insertContacts(db: Db, workspaceId: string, chunk: SeedChunk): Promise<void> {
  const c = chunk.contacts
  if (c.length === 0) return
  await db.execute(sql`insert into contacts (id, workspace_id, name, email, search, created_at, updated_at)
    select id, ${workspaceId}, name, email, to_tsvector('simple', seg), at, at
    from ${unnest({
      id: [c.map((x) => x.id), 'uuid'],
      name: [c.map((x) => x.name), 'text'],
      email: [c.map((x) => x.email), 'text'],
      seg: [c.map((x) => contactSearchText(x.name, x.email)), 'text'],
      at: [c.map((x) => iso(x.createdAt)), 'timestamptz'],
    })}`)
  await db.execute(sql`insert into contact_identities (id, workspace_id, contact_id, kind, value, created_at)
    select id, ${workspaceId}, contact_id, 'email', email, at
    from ${unnest({
      id: [c.map(() => newId()), 'uuid'],
      contact_id: [c.map((x) => x.id), 'uuid'],
      email: [c.map((x) => x.email), 'text'],
      at: [c.map((x) => iso(x.createdAt)), 'timestamptz'],
    })}`)
}

async function insertTickets(db: Db, workspaceId: string, channelIds: Map<string, string>, chunk: SeedChunk): Promise<void> {
  const t = chunk.tickets
  await db.execute(sql`insert into tickets (id, workspace_id, number, subject, status, priority, channel_id, channel_kind,
      contact_id, created_at, updated_at, last_message_at, last_message_preview, last_customer_message_at, resolved_at, search)
    select id, ${workspaceId}, number, subject, status, 'normal', channel_id, channel_kind,
      contact_id, created_at, last_message_at, last_message_at, preview, last_customer_at, resolved_at, to_tsvector('simple', seg)
    from ${unnest({
      id: [t.map((x) => x.id), 'uuid'],
      number: [t.map((x) => x.number), 'int'],
      subject: [t.map((x) => x.subject), 'text'],
      status: [t.map((x) => x.status), 'text'],
      channel_id: [t.map((x) => channelIds.get(x.channelKind)!), 'uuid'],
      channel_kind: [t.map((x) => x.channelKind), 'text'],
      contact_id: [t.map((x) => x.contactId), 'uuid'],
      created_at: [t.map((x) => iso(x.createdAt)), 'timestamptz'],
      last_message_at: [t.map((x) => iso(x.lastMessageAt)), 'timestamptz'],
      preview: [t.map((x) => preview(x.lastMessageBody)), 'text'],
      last_customer_at: [t.map((x) => iso(x.lastCustomerMessageAt)), 'timestamptz'],
      resolved_at: [t.map((x) => iso(x.resolvedAt)), 'timestamptz'],
      seg: [t.map((x) => ticketSearchText(x.subject, x.contactName)), 'text'],
    })}`)
}

async function insertMessages(db: Db, workspaceId: string, chunk: SeedChunk): Promise<void> {
  const m = chunk.messages
  await db.execute(sql`insert into messages (id, workspace_id, ticket_id, kind, direction, channel_kind, external_id,
      author_type, author_id, body, status, search, created_at)
    select id, ${workspaceId}, ticket_id, 'message', direction, channel_kind, external_id,
      author_type, author_id, body, case when direction = 'inbound' then 'received' else 'delivered' end,
      to_tsvector('simple', seg), created_at
    from ${unnest({
      id: [m.map((x) => x.id), 'uuid'],
      ticket_id: [m.map((x) => x.ticketId), 'uuid'],
      direction: [m.map((x) => x.direction), 'text'],
      channel_kind: [m.map((x) => x.channelKind), 'text'],
      external_id: [m.map((x) => x.externalId), 'text'],
      author_type: [m.map((x) => x.authorType), 'text'],
      author_id: [m.map((x) => x.authorId), 'uuid'],
      body: [m.map((x) => x.body), 'text'],
      seg: [m.map((x) => segmentForIndex(x.body)), 'text'],
      created_at: [m.map((x) => iso(x.createdAt)), 'timestamptz'],
    })}`)
}

async function countTerms(db: Db): Promise<TermCount[]> {
  const counts: TermCount[] = []
  for (const term of searchTerms) {
    const query = sql`plainto_tsquery('simple', ${segmentForQuery(term.text).trim()})`
    const [row] = await rows<{ messages: number; tickets: number }>(
      db,
      sql`select count(*)::int as messages, count(distinct ticket_id)::int as tickets from messages where search @@ ${query}`,
    )
    counts.push({ key: term.key, messages: row!.messages, tickets: row!.tickets })
  }
  return counts
}
