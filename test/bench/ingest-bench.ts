// Sustained ingest through HTTP on the real server: POST /webhooks/form/:channelId one after another,
// 32 in flight, and at a fixed open-loop rate. Throughput counts only messages that ended as persisted
// tickets, counted in the database after the server stopped.
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'drizzle-orm'
import { rows } from '../../server/db/rows.ts'
import { startBenchServer } from './bench-server.ts'
import { processCpuMs, totalCpuMs } from './cpu-time.ts'
import { freshDatabase } from './fresh-database.ts'
import { createHttpClient, type HttpClient } from './http-client.ts'
import { externalIdPattern, submission } from './ingest-submission.ts'
import { percentile } from './latency.ts'
import { closedLoop, type LoadResult, openLoop, type Send } from './load.ts'
import { sampleLockWaits, type WaitSummary } from './lock-waits.ts'
import { backendPids } from './pg-admin.ts'
import type { Row } from './report-table.ts'
import type { BenchTarget } from './targets.ts'

/** CPU ms spent during a phase: by the server process, the database's backends, the bench itself. */
export interface CpuSpent {
  server: number | null
  database: number | null
  client: number
}

interface Phase {
  key: string
  scenario: string
  run(send: Send): Promise<LoadResult>
  aimP99Ms?: number
}

function phases(target: BenchTarget): Phase[] {
  return [
    {
      key: 'seq',
      scenario: 'ingest sequential',
      run: (send) => closedLoop({ concurrency: 1, maxRequests: 5_000, maxMs: 10_000, send }),
    },
    {
      key: 'c32',
      scenario: 'ingest 32 in flight',
      run: (send) => closedLoop({ concurrency: 32, maxRequests: 50_000, maxMs: 10_000, send }),
    },
    {
      key: 'open',
      scenario: `ingest open loop ${target.openLoopRate}/s`,
      run: (send) => openLoop({ rate: target.openLoopRate, durationMs: 10_000, drainMs: 10_000, send }),
      aimP99Ms: target.openLoopP99AimMs,
    },
  ]
}

export async function benchIngest(target: BenchTarget, log: (line: string) => void): Promise<Row[]> {
  const database = await freshDatabase(target.kind, 'ingest')
  const measured: { phase: Phase; result: LoadResult; cpu: CpuSpent; waits: WaitSummary | null }[] = []
  try {
    const server = await startBenchServer(database.env)
    const client = createHttpClient(server.url, 256)
    try {
      await client.login()
      const channel = await client.send('POST', '/api/channels', { kind: 'form', name: 'Bench form', config: {} })
      if (channel.status !== 201) throw new Error(`channel: ${channel.status} ${channel.body}`)
      const channelId = (JSON.parse(channel.body) as { channel: { id: string } }).channel.id
      const sender =
        (phase: string): Send =>
        (i) =>
          post(client, channelId, phase, i)
      await closedLoop({ concurrency: 4, maxRequests: 300, maxMs: 5_000, send: sender('warm') })
      for (const phase of phases(target)) {
        await sleep(1_000)
        log(`  ${target.kind}: ${phase.scenario}`)
        const databaseUrl = database.env.DATABASE_URL
        const cpu = await startCpuMeter(server.pid, databaseUrl)
        const waits = databaseUrl ? sampleLockWaits(databaseUrl) : null
        const result = await phase.run(sender(phase.key))
        measured.push({ phase, result, cpu: await cpu(), waits: (await waits?.()) ?? null })
        if (server.exited()) {
          log(`  the server ${server.exited()} during "${phase.scenario}"; its last output:\n${server.output().slice(-4000)}`)
          break
        }
      }
    } finally {
      client.close()
      await server.stop()
    }
    const db = await database.open()
    try {
      const out: Row[] = []
      for (const { phase, result, cpu, waits } of measured) {
        const [count] = await rows<{ n: number }>(
          db.db,
          sql`select count(*)::int as n from messages m join tickets t on t.id = m.ticket_id
              where m.external_id like ${externalIdPattern(phase.key)}`,
        )
        out.push(ingestRow(target, phase, result, count!.n, cpu, waits))
      }
      return out
    } finally {
      await db.close()
    }
  } finally {
    await database.remove()
  }
}

async function post(client: HttpClient, channelId: string, phase: string, i: number): Promise<number> {
  const s = submission(phase, i)
  const response = await client.send('POST', `/webhooks/form/${channelId}`, s.body, { 'idempotency-key': s.idempotencyKey })
  return response.status
}

/** Starts counting CPU time; the returned function stops and tells what was spent. */
export async function startCpuMeter(serverPid: number, databaseUrl: string | undefined): Promise<() => Promise<CpuSpent>> {
  const client = process.cpuUsage()
  const server = processCpuMs(serverPid)
  const before = databaseUrl ? await backendPids(databaseUrl) : []
  const database = totalCpuMs(before)
  return async () => {
    const used = process.cpuUsage(client)
    const serverNow = processCpuMs(serverPid)
    // Backends opened during the phase spent all their CPU within it.
    const after = databaseUrl ? await backendPids(databaseUrl) : []
    const started = after.filter((pid) => !before.includes(pid))
    return {
      server: server === null || serverNow === null ? null : serverNow - server,
      database: databaseUrl ? totalCpuMs(before) - database + totalCpuMs(started) : null,
      client: (used.user + used.system) / 1000,
    }
  }
}

export function cpuNote(cpu: CpuSpent, persisted: number): string {
  const per = (ms: number | null) => (ms === null ? '?' : (ms / persisted).toFixed(2))
  const parts = [`server ${per(cpu.server)}`]
  if (cpu.database !== null) parts.push(`postgres ${per(cpu.database)}`)
  parts.push(`bench client ${per(cpu.client)}`)
  return `CPU ms/msg: ${parts.join(', ')}`
}

function ingestRow(
  target: BenchTarget,
  phase: Phase,
  result: LoadResult,
  persisted: number,
  cpu: CpuSpent,
  waits: WaitSummary | null,
): Row {
  const p99 = percentile(result.latencies, 99)
  const notes = [`${persisted}/${result.sent} persisted in ${(result.elapsedMs / 1000).toFixed(1)} s`]
  if (persisted > 0) notes.push(cpuNote(cpu, persisted))
  if (waits && waits.lockWaiters >= 0.05) {
    notes.push(`${waits.lockWaiters.toFixed(1)} connections waiting on a lock on average, mostly ${waits.topWait}`)
  }
  if (result.failed) notes.push(`${result.failed} failed (${result.firstFailure})`)
  if (result.sendLagP99Ms !== undefined) notes.push(`client send lag p99 ${result.sendLagP99Ms.toFixed(1)} ms`)
  const aimed = phase.aimP99Ms !== undefined
  return {
    scenario: phase.scenario,
    kind: target.kind,
    msgsPerSec: persisted / (result.elapsedMs / 1000),
    p50: percentile(result.latencies, 50),
    p95: percentile(result.latencies, 95),
    p99,
    ...(aimed ? { aim: `p99 <= ${phase.aimP99Ms} ms`, met: p99 <= phase.aimP99Ms! && result.failed === 0 } : {}),
    note: notes.join('; '),
  }
}
