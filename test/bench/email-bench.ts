// Mail through the real SMTP listener with a pooled nodemailer transport (4 connections, a mail in flight
// on each): 1 KB plain text, then 200 KB with an attachment. Each phase is bounded in count and time and
// has its own mailbox (channel), so its stored messages are counted in the database at the end.
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'drizzle-orm'
import type { SendMailOptions } from 'nodemailer'
import { rows } from '../../server/db/rows.ts'
import { startEmailServer } from './email-setup.ts'
import { freshDatabase } from './fresh-database.ts'
import { type CpuSpent, cpuNote, startCpuMeter } from './ingest-bench.ts'
import { percentile } from './latency.ts'
import { closedLoop, type LoadResult } from './load.ts'
import type { Row } from './report-table.ts'
import type { BenchTarget } from './targets.ts'

const connections = 4
const maxMs = 60_000

interface Phase {
  key: string
  scenario: string
  mails: number
  build(i: number): SendMailOptions
}

const words = 'order parcel invoice refund delivery account password warehouse tracking address'.split(' ')
const text = (i: number, bytes: number) => {
  let out = `Mail ${i}.`
  for (let w = 0; out.length < bytes; w++) out += ` ${words[(i + w * 7) % words.length]}`
  return `${out.slice(0, bytes - 1)}\n`
}

const phases: Phase[] = [
  { key: 'warm', scenario: 'warm-up', mails: 100, build: (i) => ({ text: text(i, 1024) }) },
  { key: 'small', scenario: 'email 1 KB text, 4 SMTP connections', mails: 1_500, build: (i) => ({ text: text(i, 1024) }) },
  {
    key: 'large',
    scenario: 'email 200 KB attachment, 4 SMTP connections',
    mails: 300,
    build: (i) => ({
      text: text(i, 1024),
      // Bytes of its own per mail: nothing can be shared between two stored attachments.
      attachments: [{ filename: `scan-${i}.pdf`, content: randomBytes(199 * 1024), contentType: 'application/pdf' }],
    }),
  },
]

interface Measured {
  phase: Phase
  channelId: string
  result: LoadResult
  cpu: CpuSpent
}

export async function benchEmail(target: BenchTarget, log: (line: string) => void): Promise<Row[]> {
  const database = await freshDatabase(target.kind, 'email')
  const measured: Measured[] = []
  try {
    const mail = await startEmailServer(database.env)
    try {
      for (const phase of phases) {
        const address = `bench-${phase.key}@support.example`
        const channelId = await mail.createChannel(address, `Bench ${phase.key}`)
        const built = Array.from({ length: phase.mails }, (_, i) => ({
          from: `customer-${phase.key}-${i}@mail.example.org`,
          to: address,
          subject: `Bench ${phase.key} ${i}`,
          messageId: `<bench-${phase.key}-${i}-${process.pid}@mail.example.org>`,
          ...phase.build(i),
        }))
        const transport = mail.transport(connections)
        await sleep(1_000)
        if (phase.key !== 'warm') log(`  ${target.kind}: ${phase.scenario}`)
        const cpu = await startCpuMeter(mail.server.pid, database.env.DATABASE_URL)
        const result = await closedLoop({
          concurrency: connections,
          maxRequests: phase.mails,
          maxMs,
          // The SMTP transaction from MAIL FROM to the 250 after the data (the pool's socket is open).
          send: async (i) => Number((await transport.sendMail(built[i]!)).response?.slice(0, 3)),
        })
        const spent = await cpu()
        transport.close()
        if (phase.key !== 'warm') measured.push({ phase, channelId, result, cpu: spent })
        if (mail.server.exited()) {
          log(`  the server ${mail.server.exited()} during "${phase.scenario}":\n${mail.server.output().slice(-4000)}`)
          break
        }
      }
    } finally {
      await mail.stop()
    }
    const db = await database.open()
    try {
      const out: Row[] = []
      for (const m of measured) {
        const [count] = await rows<{ n: number }>(
          db.db,
          sql`select count(*)::int as n from messages m join tickets t on t.id = m.ticket_id
              where t.channel_id = ${m.channelId} and m.direction = 'inbound' and m.channel_kind = 'email'`,
        )
        out.push(emailRow(target, m, count!.n))
      }
      return out
    } finally {
      await db.close()
    }
  } finally {
    await database.remove()
  }
}

function emailRow(target: BenchTarget, m: Measured, stored: number): Row {
  const { phase, result, cpu } = m
  const seconds = result.elapsedMs / 1000
  const notes = [
    `${(result.ok / seconds).toFixed(0)} mails/s answered 250`,
    `${stored}/${result.ok} accepted mails stored (${result.sent} sent) in ${seconds.toFixed(1)} s`,
  ]
  if (result.sent >= phase.mails) notes.push(`all ${phase.mails} mails sent`)
  else notes.push(`stopped at ${maxMs / 1000} s`)
  if (stored > 0) notes.push(cpuNote(cpu, stored))
  // One thread runs the server (and PGlite inside it): near 100% of a core it is the bottleneck.
  if (cpu.server !== null) notes.push(`server busy ${((cpu.server / result.elapsedMs) * 100).toFixed(0)}% of a core`)
  if (result.failed) notes.push(`${result.failed} failed (${result.firstFailure})`)
  return {
    scenario: phase.scenario,
    kind: target.kind,
    msgsPerSec: stored / seconds,
    p50: percentile(result.latencies, 50),
    p95: percentile(result.latencies, 95),
    p99: percentile(result.latencies, 99),
    aim: 'every accepted mail stored',
    met: stored === result.ok && result.failed === 0,
    note: notes.join('; '),
  }
}
