// Live chat on the real server: 200 visitors' sockets on one chat channel, each with a ticket. Two open
// loops of 2,000 messages at 100/s spread round-robin over the visitors (one message per visitor every
// 2 s, under the 10-per-10-s socket limit): (a) a visitor's `message` frame → its echo, sent after the
// commit, so the time to durable storage; (b) an agent's POST /api/tickets/:id/replies → the frame on the
// visitor's socket. Latency counts from each message's scheduled time.
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'drizzle-orm'
import { rows } from '../../server/db/rows.ts'
import { startBenchServer } from './bench-server.ts'
import { connectVisitors } from './chat-visitors.ts'
import { freshDatabase } from './fresh-database.ts'
import { createHttpClient } from './http-client.ts'
import { type CpuSpent, cpuNote, startCpuMeter } from './ingest-bench.ts'
import { percentile } from './latency.ts'
import { type LoadResult, openLoop } from './load.ts'
import type { Row } from './report-table.ts'
import type { BenchTarget } from './targets.ts'

const visitorCount = 200
const rate = 100
const durationMs = 20_000

interface Measured {
  key: 'echo' | 'reply'
  scenario: string
  result: LoadResult
  cpu: CpuSpent
  /** Visitors still connected after the phase. */
  connected: number
  /** POST answer times of the replies (the 202), beside the time to the socket. */
  postLatencies: number[]
}

export async function benchChat(target: BenchTarget, log: (line: string) => void): Promise<Row[]> {
  const database = await freshDatabase(target.kind, 'chat')
  const measured: Measured[] = []
  let closeCodes = ''
  try {
    const server = await startBenchServer(database.env)
    const api = createHttpClient(server.url, 64)
    try {
      await api.login()
      const created = await api.send('POST', '/api/channels', { kind: 'chat', name: 'Bench chat', config: {} })
      if (created.status !== 201) throw new Error(`channel: ${created.status} ${created.body}`)
      const channelId = (JSON.parse(created.body) as { channel: { id: string } }).channel.id
      const connectStarted = performance.now()
      const visitors = await connectVisitors(server.url, channelId, visitorCount)
      log(
        `  ${target.kind}: ${visitorCount} visitors said hello in ${((performance.now() - connectStarted) / 1000).toFixed(1)} s`,
      )
      try {
        // Each visitor opens its ticket; the subject (the first line) says whose it is.
        await Promise.all(Array.from({ length: visitorCount }, (_, v) => visitors.say(v, `open-${v}`, `Bench visitor ${v}`)))
        const listed = await api.send('GET', `/api/tickets?channelId=${channelId}&limit=200`)
        const items = (JSON.parse(listed.body) as { items: { id: string; subject: string }[] }).items
        const ticketOf = new Map(items.map((t) => [t.subject, t.id]))
        const tickets = Array.from({ length: visitorCount }, (_, v) => ticketOf.get(`Bench visitor ${v}`))
        if (tickets.some((t) => !t)) throw new Error(`only ${ticketOf.size} of ${visitorCount} chat tickets found`)

        const postLatencies: number[] = []
        const phases = [
          {
            key: 'echo' as const,
            scenario: `chat visitor msg → echo (stored), ${visitorCount} visitors ${rate}/s`,
            send: async (i: number) => {
              await visitors.say(i % visitorCount, `m-${i}`, `Visitor message ${i}`)
              return 200
            },
          },
          {
            key: 'reply' as const,
            scenario: `chat agent reply → visitor socket, ${visitorCount} visitors ${rate}/s`,
            send: async (i: number) => {
              const v = i % visitorCount
              const text = `Agent reply ${i}`
              const arrived = visitors.expectReply(v, text)
              const posted = performance.now()
              const answer = await api.send('POST', `/api/tickets/${tickets[v]}/replies`, { body: text })
              postLatencies.push(performance.now() - posted)
              if (answer.status !== 202) {
                arrived.catch(() => {})
                return answer.status
              }
              await arrived
              return 200
            },
          },
        ]
        for (const phase of phases) {
          // The opening messages' rate-limit window passes first.
          await sleep(phase.key === 'echo' ? 10_000 : 1_000)
          log(`  ${target.kind}: ${phase.scenario}`)
          const cpu = await startCpuMeter(server.pid, database.env.DATABASE_URL)
          const result = await openLoop({ rate, durationMs, drainMs: 10_000, send: phase.send })
          measured.push({
            key: phase.key,
            scenario: phase.scenario,
            result,
            cpu: await cpu(),
            connected: visitors.connected(),
            postLatencies: phase.key === 'reply' ? [...postLatencies] : [],
          })
          if (server.exited()) {
            log(`  the server ${server.exited()} during "${phase.scenario}":\n${server.output().slice(-4000)}`)
            break
          }
        }
        // Replies still being delivered settle before the server stops.
        await sleep(2_000)
      } finally {
        closeCodes = visitors.closeCodes()
        visitors.close()
      }
    } finally {
      api.close()
      await server.stop()
    }
    const db = await database.open()
    try {
      const [count] = await rows<{ inbound: number; outbound: number }>(
        db.db,
        sql`select count(*) filter (where m.direction = 'inbound')::int as inbound,
                   count(*) filter (where m.direction = 'outbound' and m.status = 'sent')::int as outbound
            from messages m join tickets t on t.id = m.ticket_id where m.channel_kind = 'chat'`,
      )
      const stored = { echo: count!.inbound - visitorCount, reply: count!.outbound }
      return measured.map((m) => chatRow(target, m, stored[m.key], closeCodes))
    } finally {
      await db.close()
    }
  } finally {
    await database.remove()
  }
}

function chatRow(target: BenchTarget, m: Measured, stored: number, closeCodes: string): Row {
  const { result } = m
  const seconds = result.elapsedMs / 1000
  const what = m.key === 'echo' ? 'visitor messages stored' : 'replies stored as sent'
  const notes = [
    `${m.connected}/${visitorCount} visitors connected after it${closeCodes ? ` (at the end ${closeCodes})` : ''}`,
    `${result.ok}/${result.sent} ${m.key === 'echo' ? 'echoed' : 'reached the socket'}; ${stored} ${what}`,
  ]
  if (m.postLatencies.length)
    notes.push(
      `POST answered 202 in p50 ${percentile(m.postLatencies, 50).toFixed(1)} / p99 ${percentile(m.postLatencies, 99).toFixed(1)} ms`,
    )
  if (stored > 0) notes.push(cpuNote(m.cpu, stored))
  // One thread runs the server (and PGlite inside it): near 100% of a core it is the bottleneck.
  if (m.cpu.server !== null) notes.push(`server busy ${((m.cpu.server / result.elapsedMs) * 100).toFixed(0)}% of a core`)
  if (result.failed) notes.push(`${result.failed} failed (${result.firstFailure})`)
  if (result.sendLagP99Ms !== undefined) notes.push(`client send lag p99 ${result.sendLagP99Ms.toFixed(1)} ms`)
  return {
    scenario: m.scenario,
    kind: target.kind,
    msgsPerSec: result.ok / seconds,
    p50: percentile(result.latencies, 50),
    p95: percentile(result.latencies, 95),
    p99: percentile(result.latencies, 99),
    aim: `${visitorCount}/${visitorCount} connected, none lost`,
    met: m.connected === visitorCount && result.failed === 0 && stored >= result.ok,
    note: notes.join('; '),
  }
}
