// Signed WhatsApp deliveries to POST /webhooks/meta on the real server: one message each one after
// another, 32 in flight and at a fixed open-loop rate, then 50 messages each, 8 in flight. Every phase
// has its own WhatsApp number (channel), so its stored messages are counted in the database at the end.
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'drizzle-orm'
import type { Db } from '../../server/db/create-db.ts'
import { rows } from '../../server/db/rows.ts'
import { freshDatabase } from './fresh-database.ts'
import { type CpuSpent, cpuNote, startCpuMeter } from './ingest-bench.ts'
import { percentile } from './latency.ts'
import { closedLoop, type LoadResult, openLoop, type Send } from './load.ts'
import { sampleLockWaits, type WaitSummary } from './lock-waits.ts'
import { createRandom } from './random.ts'
import type { Row } from './report-table.ts'
import type { BenchTarget } from './targets.ts'
import { benchPhoneNumberId, buildDeliveries, customerNumber } from './whatsapp-deliveries.ts'
import { startWhatsappServer } from './whatsapp-setup.ts'

/** Meta's own requirement of a webhook: answer within a median of 250 ms. */
const metaMedianMs = 250

interface Phase {
  key: string
  scenario: string
  perDelivery: number
  /** How many deliveries to build: the most the phase can send. */
  deliveries: number
  run(send: Send): Promise<LoadResult>
  aimP99Ms?: number
}

function phases(target: BenchTarget): Phase[] {
  const rate = target.openLoopRate
  return [
    closedPhase('warm', 'warm-up', { perDelivery: 1, concurrency: 4, deliveries: 300 }),
    closedPhase('seq', 'whatsapp 1 msg/delivery sequential', { perDelivery: 1, concurrency: 1, deliveries: 5_000 }),
    closedPhase('c32', 'whatsapp 1 msg/delivery 32 in flight', { perDelivery: 1, concurrency: 32, deliveries: 30_000 }),
    {
      key: 'open',
      scenario: `whatsapp 1 msg/delivery open loop ${rate}/s`,
      perDelivery: 1,
      deliveries: rate * 10,
      run: (send) => openLoop({ rate, durationMs: 10_000, drainMs: 10_000, send }),
      aimP99Ms: target.openLoopP99AimMs,
    },
    closedPhase('b50', 'whatsapp 50 msgs/delivery 8 in flight', { perDelivery: 50, concurrency: 8, deliveries: 1_200 }),
  ]
}

/** N deliveries in flight for 10 s, or until the deliveries built run out. */
function closedPhase(key: string, scenario: string, o: { perDelivery: number; concurrency: number; deliveries: number }): Phase {
  const run = (send: Send) => closedLoop({ concurrency: o.concurrency, maxRequests: o.deliveries, maxMs: 10_000, send })
  return { key, scenario, perDelivery: o.perDelivery, deliveries: o.deliveries, run }
}

interface Measured {
  phase: Phase
  channelId: string
  result: LoadResult
  cpu: CpuSpent
  waits: WaitSummary | null
}

export async function benchWhatsapp(target: BenchTarget, log: (line: string) => void): Promise<Row[]> {
  const plan = phases(target)
  const built = performance.now()
  const random = createRandom(11)
  const deliveries = plan.map((phase, p) =>
    buildDeliveries({
      phoneNumberId: benchPhoneNumberId(p),
      deliveries: phase.deliveries,
      perDelivery: phase.perDelivery,
      // Distinct customers everywhere: every message opens a ticket, the costlier path.
      from: (d, k) => customerNumber(p * 10_000_000 + d * phase.perDelivery + k),
      at: () => new Date(),
      random,
    }),
  )
  log(
    `  ${target.kind}: built and signed ${deliveries.flat().length} deliveries in ${((performance.now() - built) / 1000).toFixed(1)} s`,
  )

  const database = await freshDatabase(target.kind, 'whatsapp')
  const measured: Measured[] = []
  try {
    const wa = await startWhatsappServer(database.env)
    try {
      const channels = []
      for (const [p, phase] of plan.entries()) channels.push(await wa.createChannel(benchPhoneNumberId(p), `Bench ${phase.key}`))
      for (const [p, phase] of plan.entries()) {
        await sleep(1_000)
        if (phase.key !== 'warm') log(`  ${target.kind}: ${phase.scenario}`)
        const databaseUrl = database.env.DATABASE_URL
        const cpu = await startCpuMeter(wa.server.pid, databaseUrl)
        const waits = databaseUrl ? sampleLockWaits(databaseUrl) : null
        const result = await phase.run(wa.sender(deliveries[p]!))
        const spent = { cpu: await cpu(), waits: (await waits?.()) ?? null }
        if (phase.key !== 'warm') measured.push({ phase, channelId: channels[p]!, result, ...spent })
        if (wa.server.exited()) {
          log(
            `  the server ${wa.server.exited()} during "${phase.scenario}"; its last output:\n${wa.server.output().slice(-4000)}`,
          )
          break
        }
      }
    } finally {
      await wa.stop()
    }
    const db = await database.open()
    try {
      const out: Row[] = []
      for (const m of measured) out.push(whatsappRow(target, m, await storedMessages(db.db, m.channelId)))
      return out
    } finally {
      await db.close()
    }
  } finally {
    await database.remove()
  }
}

/** Inbound WhatsApp messages stored on tickets of one channel. */
export async function storedMessages(db: Db, channelId: string): Promise<number> {
  const [count] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from messages m join tickets t on t.id = m.ticket_id
        where t.channel_id = ${channelId} and m.direction = 'inbound' and m.channel_kind = 'whatsapp'`,
  )
  return count!.n
}

function whatsappRow(target: BenchTarget, m: Measured, stored: number): Row {
  const { phase, result, cpu, waits } = m
  const seconds = result.elapsedMs / 1000
  const p50 = percentile(result.latencies, 50)
  const p99 = percentile(result.latencies, 99)
  const notes = [
    `${(result.ok / seconds).toFixed(0)} deliveries/s answered 200`,
    `${stored}/${result.sent * phase.perDelivery} messages stored in ${seconds.toFixed(1)} s`,
  ]
  // A closed loop that used every delivery built ended before its 10 s.
  if (result.sendLagP99Ms === undefined && result.sent >= phase.deliveries)
    notes.push(`stopped at the ${phase.deliveries} deliveries built`)
  if (stored > 0) notes.push(cpuNote(cpu, stored))
  if (waits && waits.lockWaiters >= 0.05) {
    notes.push(`${waits.lockWaiters.toFixed(1)} connections waiting on a lock on average, mostly ${waits.topWait}`)
  }
  if (result.failed) notes.push(`${result.failed} failed (${result.firstFailure})`)
  if (result.sendLagP99Ms !== undefined) notes.push(`client send lag p99 ${result.sendLagP99Ms.toFixed(1)} ms`)
  const aim =
    phase.aimP99Ms === undefined
      ? { aim: `p50 < ${metaMedianMs} ms (Meta)`, met: p50 < metaMedianMs && result.failed === 0 }
      : { aim: `p99 <= ${phase.aimP99Ms} ms`, met: p99 <= phase.aimP99Ms && result.failed === 0 }
  return {
    scenario: phase.scenario,
    kind: target.kind,
    msgsPerSec: stored / seconds,
    p50,
    p95: percentile(result.latencies, 95),
    p99,
    ...aim,
    note: notes.join('; '),
  }
}
