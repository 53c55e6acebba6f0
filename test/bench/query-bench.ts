// The read side on a seeded database, through HTTP on the real server: the inbox page (open tickets,
// 50, newest activity first, with the last message's preview) and the search box, one request after
// another, for a common, a medium, a rare, an absent and a Japanese term.
import { startBenchServer } from './bench-server.ts'
import { createHttpClient, type HttpClient } from './http-client.ts'
import { percentile } from './latency.ts'
import type { Row } from './report-table.ts'
import { searchTerms } from './search-terms.ts'
import type { SeededDatabase } from './seed-cache.ts'
import { type BenchTarget, listP95AimMs, searchP95AimMs } from './targets.ts'

interface Query {
  scenario: string
  path: string
  aimMs: number
  /** How many tickets the answer should hold, when the seed says. */
  expected?: number
  matches?: string
}

const samples = 200
const maxMsPerQuery = 30_000
const pageSize = 50

function queries(seeded: SeededDatabase): Query[] {
  const list: Query[] = [
    { scenario: 'inbox list (open, 50)', path: `/api/tickets?status=open&limit=${pageSize}`, aimMs: listP95AimMs },
  ]
  for (const term of searchTerms) {
    const count = seeded.meta.terms.find((t) => t.key === term.key)
    list.push({
      scenario: `${term.label} "${term.text}"`,
      path: `/api/tickets?q=${encodeURIComponent(term.text)}&limit=${pageSize}`,
      aimMs: searchP95AimMs,
      ...(count
        ? { expected: Math.min(pageSize, count.tickets), matches: `in ${count.messages} msgs / ${count.tickets} tickets` }
        : {}),
    })
  }
  return list
}

export async function benchQueries(target: BenchTarget, seeded: SeededDatabase, log: (line: string) => void): Promise<Row[]> {
  const server = await startBenchServer(seeded.env)
  const client = createHttpClient(server.url, 4)
  try {
    await client.login()
    const out: Row[] = []
    for (const query of queries(seeded)) {
      log(`  ${target.kind}: ${query.scenario}`)
      out.push(await measure(target, client, query))
      if (server.exited()) throw new Error(`the server ${server.exited()}:\n${server.output().slice(-4000)}`)
    }
    return out
  } finally {
    client.close()
    await server.stop()
  }
}

async function measure(target: BenchTarget, client: HttpClient, query: Query): Promise<Row> {
  let returned = -1
  const get = async () => {
    const response = await client.send('GET', query.path)
    if (response.status !== 200) throw new Error(`GET ${query.path}: ${response.status} ${response.body.slice(0, 300)}`)
    returned = (JSON.parse(response.body) as { items: unknown[] }).items.length
  }
  for (let i = 0; i < 5; i++) await get()
  const latencies: number[] = []
  const deadline = performance.now() + maxMsPerQuery
  while (latencies.length < samples && performance.now() < deadline) {
    const started = performance.now()
    await get()
    latencies.push(performance.now() - started)
  }
  const p95 = percentile(latencies, 95)
  const notes = [`n=${latencies.length}`, `${returned} tickets returned`]
  if (query.matches) notes.push(`term ${query.matches}`)
  if (query.expected !== undefined && returned < query.expected) notes.push(`EXPECTED ${query.expected}`)
  return {
    scenario: query.scenario,
    kind: target.kind,
    p50: percentile(latencies, 50),
    p95,
    p99: percentile(latencies, 99),
    aim: `p95 <= ${query.aimMs} ms`,
    met: p95 <= query.aimMs,
    note: notes.join('; '),
  }
}
