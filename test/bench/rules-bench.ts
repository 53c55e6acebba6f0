// Rules and the scheduler, in process on a fresh database (BENCH_PARTS=rules):
// - what running the rules costs per inbound message with 200 active rules: the after-commit step the
//   server runs (read the tickets and the workspace, evaluate, write), for one message at a time and for
//   batches of 100 as the ingest queue hands them over; beside it the same with no rule (the priority
//   score and SLA due times alone), and the in-memory evaluation alone;
// - one scheduler tick (SLA warnings and breaches, reply windows, time-based rules) with 100,000 open
//   tickets whose due times spread over the coming days: a 30-second tick, and the catch-up tick of a day.
import { sql } from 'drizzle-orm'
import { inboundMessage } from '../../server/channels/inbound-message.ts'
import { createSettableClock } from '../../server/clock/clock.ts'
import type { Database, Db } from '../../server/db/create-db.ts'
import { newId } from '../../server/db/new-id.ts'
import { rows } from '../../server/db/rows.ts'
import { ingestBatch } from '../../server/inbound/ingest-batch.ts'
import { createLogger } from '../../server/log.ts'
import { priorityWeightsSchema } from '../../server/priority/priority-score.ts'
import { evaluateRules } from '../../server/rules/evaluate-rules.ts'
import { compileRule } from '../../server/rules/match-conditions.ts'
import { loadAgentLoads, loadRoutingSettings } from '../../server/rules/routing-context.ts'
import { createRuleEngine } from '../../server/rules/rule-engine.ts'
import { runTimeRules } from '../../server/rules/run-time-rules.ts'
import { settleIngestedTickets } from '../../server/rules/settle-ingested-tickets.ts'
import { checkSla } from '../../server/sla/check-sla.ts'
import { loadTicketStates } from '../../server/sla/ticket-state.ts'
import { freshDatabase } from './fresh-database.ts'
import { percentile } from './latency.ts'
import type { Row } from './report-table.ts'
import { benchRule, seedRulesWorkspace } from './rules-setup.ts'
import type { BenchTarget } from './targets.ts'

const texts = [
  '至急対応してください。注文した商品が壊れていました',
  'Hello, my invoice is wrong and I want a refund',
  'Hola, mi factura no llegó',
  'Bonjour, où est ma livraison ?',
  '我要退款，商品坏了',
  '배송이 늦어요',
  'สินค้ายังไม่จัดส่ง',
  'Ich habe meine Rechnung nicht bekommen',
]
const openTickets = 100_000

export async function benchRules(target: BenchTarget, log: (line: string) => void): Promise<Row[]> {
  const found: Row[] = []
  for (const ruleCount of [0, 200]) {
    const fresh = await freshDatabase(target.kind, `rules${ruleCount}`)
    const database = await fresh.open()
    try {
      log(`  ${target.kind}: rules per inbound message, ${ruleCount} rules`)
      found.push(...(await perMessage(database, target, ruleCount)))
      if (ruleCount === 200) found.push(await inMemory(database, target))
    } finally {
      await database.close()
      await fresh.remove()
    }
  }
  const fresh = await freshDatabase(target.kind, 'scheduler')
  const database = await fresh.open()
  try {
    log(`  ${target.kind}: scheduler with ${openTickets} open tickets`)
    found.push(...(await schedulerTicks(database, target)))
  } finally {
    await database.close()
    await fresh.remove()
  }
  return found
}

function engineFor(database: Database) {
  const clock = createSettableClock()
  const engine = createRuleEngine({
    db: database.db,
    clock,
    log: createLogger('error'),
    weights: priorityWeightsSchema.parse({}),
    publishAssignments: async () => {},
    wakeOutbox: () => {},
  })
  return { engine, clock }
}

let customer = 0
function events(workspaceId: string, channelId: string, count: number) {
  return Array.from({ length: count }, () => {
    const n = customer++
    return {
      type: 'message' as const,
      message: inboundMessage({
        workspaceId,
        channelId,
        channelKind: 'whatsapp',
        externalId: `bench-${n}-${newId()}`,
        sentAt: new Date().toISOString(),
        contact: { name: `Customer ${n}`, identities: [{ kind: 'whatsapp', value: String(819000000000 + n) }] },
        body: texts[n % texts.length]!,
        raw: {},
      }),
    }
  })
}

async function perMessage(database: Database, target: BenchTarget, ruleCount: number): Promise<Row[]> {
  const { workspaceId, channelId } = await seedRulesWorkspace(database.db, ruleCount)
  const { engine } = engineFor(database)
  const settings = {
    reopenWindowDays: 7,
    lockIdentities: false,
    settleTickets: (db: Db, ids: readonly string[], now: Date) =>
      settleIngestedTickets(db, ids, priorityWeightsSchema.parse({}), now),
  }
  const ingest = (count: number) =>
    database.db.transaction((tx) => ingestBatch(tx, events(workspaceId, channelId, count), settings, new Date()))
  await engine.afterIngest(await ingest(20)) // warm: caches, plans
  const single: number[] = []
  const started = performance.now()
  while (single.length < 300 && performance.now() - started < 15_000) {
    const outcome = await ingest(1)
    const t0 = performance.now()
    await engine.afterIngest(outcome)
    single.push(performance.now() - t0)
  }
  const batch: number[] = []
  const batchStarted = performance.now()
  while (batch.length < 10 && performance.now() - batchStarted < 20_000) {
    const outcome = await ingest(100)
    const t0 = performance.now()
    await engine.afterIngest(outcome)
    batch.push((performance.now() - t0) / 100)
  }
  const label = ruleCount ? `${ruleCount} rules` : 'no rule (score + SLA only)'
  return [
    {
      scenario: `rules: 1 message, ${label}`,
      kind: target.kind,
      p50: percentile(single, 50),
      p95: percentile(single, 95),
      p99: percentile(single, 99),
      note: `${single.length} runs; ms per message, after the ingest commit`,
    },
    {
      scenario: `rules: batch of 100, ${label}`,
      kind: target.kind,
      msgsPerSec: 1000 / percentile(batch, 50),
      p50: percentile(batch, 50),
      p95: percentile(batch, 95),
      note: `${batch.length} batches; ms per message`,
    },
  ]
}

/** The evaluation alone: 200 compiled rules against tickets already read (no database). */
async function inMemory(database: Database, target: BenchTarget): Promise<Row> {
  const [ws] = await rows<{ id: string }>(database.db, sql`select workspace_id as id from rules limit 1`)
  const ctx = { ...(await loadRoutingSettings(database.db, ws!.id)), agents: await loadAgentLoads(database.db, ws!.id) }
  const rules = Array.from({ length: 200 }, (_, i) => compileRule({ ...benchRule(i, newId()), id: newId(), createdAt: '' }))
  const ids = (await rows<{ id: string }>(database.db, sql`select id from tickets limit 200`)).map((r) => r.id)
  const states = await loadTicketStates(database.db, ids)
  const snapshot = { ctx, now: new Date(), lastChosen: new Map<string, string>() }
  const samples: number[] = []
  for (let round = 0; round < 20; round++) {
    const t0 = performance.now()
    for (const state of states)
      evaluateRules(
        rules.filter((r) => r.event === 'message_received'),
        state,
        snapshot,
      )
    samples.push(((performance.now() - t0) / states.length) * 1000)
  }
  return {
    scenario: 'rules: evaluation alone, 200 rules',
    kind: target.kind,
    p50: percentile(samples, 50) / 1000,
    p95: percentile(samples, 95) / 1000,
    note: `${(percentile(samples, 50)).toFixed(0)} µs per message in memory (${states.length} tickets × 20)`,
  }
}

async function schedulerTicks(database: Database, target: BenchTarget): Promise<Row[]> {
  const { workspaceId, channelId } = await seedRulesWorkspace(database.db, 0)
  const { engine } = engineFor(database)
  const contactId = newId()
  await database.db.execute(sql`insert into contacts (id, workspace_id, name) values (${contactId}, ${workspaceId}, 'Bench')`)
  const now = Date.now()
  const seedStarted = performance.now()
  // Due times spread over the next 7 days (one ticket due every ~6 s); customers who wrote within 2 days.
  await database.db.execute(sql`
    insert into tickets (id, workspace_id, number, status, priority, channel_id, channel_kind, contact_id,
                         created_at, updated_at, last_message_at, last_customer_message_at,
                         sla_policy_id, first_reply_due_at, next_reply_due_at, resolution_due_at)
    select gen_random_uuid(), ${workspaceId}::uuid, 1000000 + g, case when g % 4 = 0 then 'pending' else 'open' end, 'normal',
           ${channelId}::uuid, 'whatsapp', ${contactId}::uuid,
           ts - interval '1 hour', ts - interval '1 hour', ts, ts,
           null, due, case when g % 2 = 0 then due + interval '1 hour' end, due + interval '2 days'
    from generate_series(1, ${openTickets}) g,
         lateral (select ${new Date(now).toISOString()}::timestamptz - (g * interval '1.7 second') as ts,
                         ${new Date(now).toISOString()}::timestamptz + (g * interval '6 second') as due) x`)
  await database.db.execute(sql`analyze tickets`)
  const seedSeconds = (performance.now() - seedStarted) / 1000
  await database.db.execute(sql`insert into rules (id, workspace_id, name, event, conditions, actions) values
    (${newId()}, ${workspaceId}, 'no reply for 2 hours', 'time_elapsed',
     '{"all":[{"field":"minutesSinceCustomerMessage","op":"gt","value":120}]}'::jsonb, '[{"type":"add_tag","tag":"no-reply-2h"}]'::jsonb),
    (${newId()}, ${workspaceId}, 'pending for 48 hours', 'time_elapsed',
     '{"all":[{"field":"minutesSinceUpdate","op":"gt","value":2880},{"field":"status","op":"eq","value":"pending"}]}'::jsonb,
     '[{"type":"set_status","status":"resolved"}]'::jsonb)`)

  const tick = async (from: number, to: number) => {
    const t0 = performance.now()
    await checkSla(database.db, new Date(from), new Date(to))
    await runTimeRules(database.db, engine, new Date(from), new Date(to))
    return performance.now() - t0
  }
  // The first tick after a start looks at the last day, an hour at a time (server/scheduler/scheduler.ts).
  const pieces: number[] = []
  for (let hour = 24; hour > 0; hour--) pieces.push(await tick(now - hour * 3_600_000, now - (hour - 1) * 3_600_000))
  const catchUp = pieces.reduce((a, b) => a + b, 0)
  const ticks: number[] = []
  let at = now
  const started = performance.now()
  while (ticks.length < 120 && performance.now() - started < 30_000) {
    ticks.push(await tick(at, at + 30_000))
    at += 30_000
  }
  const [events] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from sla_events`)
  return [
    {
      scenario: `scheduler: 30 s tick, ${openTickets / 1000}k open tickets`,
      kind: target.kind,
      p50: percentile(ticks, 50),
      p95: percentile(ticks, 95),
      p99: percentile(ticks, 99),
      note: `${ticks.length} ticks; ${events?.n ?? 0} warnings/breaches recorded; seeded in ${seedSeconds.toFixed(0)} s`,
    },
    {
      scenario: 'scheduler: catch-up tick of a day',
      kind: target.kind,
      p50: catchUp,
      note: `the first tick after a start: 24 one-hour pieces, the longest ${Math.max(...pieces).toFixed(0)} ms`,
    },
  ]
}
