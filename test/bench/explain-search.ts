// EXPLAIN ANALYZE of the statements a search really runs: listTickets is called in this process on the
// seeded database through a drizzle instance whose logger records each statement and its parameters;
// each is then explained, and its plan shortened to one line (time, then the nodes and the indexes used).
import { PGlite } from '@electric-sql/pglite'
import { eq } from 'drizzle-orm'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import type { Db } from '../../server/db/create-db.ts'
import { agents } from '../../server/db/schema/agents.ts'
import { listTickets } from '../../server/tickets/list-tickets.ts'
import { ticketListQuerySchema } from '../../shared/schema/ticket.ts'
import { benchAdmin } from './bench-server.ts'
import type { SearchTerm } from './search-terms.ts'

interface Statement {
  query: string
  params: unknown[]
}

interface PlanNode {
  'Node Type': string
  'Index Name'?: string
  'Relation Name'?: string
  'Actual Rows'?: number
  Plans?: PlanNode[]
}

interface Connection {
  db: Db
  explain(statement: Statement): Promise<{ Plan: PlanNode; 'Execution Time': number }>
  close(): Promise<void>
}

/** One line per statement of each term's search, on the database the server env points at (server stopped). */
export async function explainSearches(env: Record<string, string>, terms: readonly SearchTerm[]): Promise<string[]> {
  const captured: Statement[] = []
  const logger = { logQuery: (query: string, params: unknown[]) => captured.push({ query, params }) }
  const connection = env.DATABASE_URL ? openPostgres(env.DATABASE_URL, logger) : await openPglite(env.DATA_DIR!, logger)
  try {
    const [admin] = await connection.db.select().from(agents).where(eq(agents.email, benchAdmin.email))
    if (!admin) throw new Error('the seeded database has no bench admin')
    const actor = { agentId: admin.id, workspaceId: admin.workspaceId, role: admin.role, name: admin.name, email: admin.email }
    const lines: string[] = []
    for (const term of terms) {
      captured.length = 0
      await listTickets(connection.db, { ...actor, via: 'session' }, ticketListQuerySchema.parse({ q: term.text }), new Date())
      const statements = [...captured]
      for (const statement of statements) {
        const plan = await connection.explain(statement)
        lines.push(`${term.key} "${term.text}" ${label(statement.query)}: ${summarise(plan)}`)
      }
    }
    return lines
  } finally {
    await connection.close()
  }
}

function label(query: string): string {
  if (/^select "messages"\."ticket_id"/.test(query)) return '[ids from messages]'
  if (/^select "tickets"\."id" as id/.test(query)) return '[ids from tickets]'
  return '[ticket page]'
}

function summarise(plan: { Plan: PlanNode; 'Execution Time': number }): string {
  const nodes: string[] = []
  const walk = (node: PlanNode) => {
    const on = node['Index Name'] ?? node['Relation Name']
    nodes.push(`${node['Node Type']}${on ? ` on ${on}` : ''} (${node['Actual Rows'] ?? '?'} rows)`)
    for (const child of node.Plans ?? []) walk(child)
  }
  walk(plan.Plan)
  return `${plan['Execution Time'].toFixed(1)} ms: ${nodes.join(' > ')}`
}

function openPostgres(url: string, logger: { logQuery(query: string, params: unknown[]): void }): Connection {
  const client = postgres(url, { max: 1, onnotice: () => {} })
  return {
    db: drizzlePostgres({ client, logger }) as unknown as Db,
    async explain({ query, params }) {
      const result = await client.unsafe(`explain (analyze, format json) ${query}`, params as never[])
      return (result[0]!['QUERY PLAN'] as [{ Plan: PlanNode; 'Execution Time': number }])[0]
    },
    close: () => client.end({ timeout: 5 }),
  }
}

async function openPglite(dataDir: string, logger: { logQuery(query: string, params: unknown[]): void }): Promise<Connection> {
  const client = await PGlite.create({ dataDir: `${dataDir}/pglite` })
  return {
    db: drizzlePglite({ client, logger }) as unknown as Db,
    async explain({ query, params }) {
      const result = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(
        `explain (analyze, format json) ${query}`,
        params,
      )
      return result.rows[0]!['QUERY PLAN'][0]
    },
    close: () => client.close(),
  }
}
