// How fast a customer's message reaches the open inboxes: N browsers (agents) keep GET /api/sync/stream
// open while signed WhatsApp messages arrive on POST /webhooks/meta at a steady rate, each a new
// conversation, so visible to every agent (the shared queue). Measured per browser and message, from
// just before the webhook is sent to the moment that browser has the message: read from the `tickets`
// event (push), or from the pull a `change` event sets off (what browsers did before the push; on a
// server without the push only this row has figures). Bounded: a fixed count of messages, and a few
// seconds after the last for the stragglers (counted as lost).
import { setTimeout as sleep } from 'node:timers/promises'
import { metaJson, signMetaBody, whatsappText } from '../fakes/meta-webhooks.ts'
import { benchAdmin } from './bench-server.ts'
import { freshDatabase } from './fresh-database.ts'
import { percentile } from './latency.ts'
import type { Row } from './report-table.ts'
import { type ClientMode, openStreamClients } from './sync-stream-clients.ts'
import type { BenchTarget } from './targets.ts'
import { benchAppSecret, benchBusinessAccountId, benchPhoneNumberId, customerNumber } from './whatsapp-deliveries.ts'
import { startWhatsappServer, type WhatsappServer } from './whatsapp-setup.ts'

/** The aim: a webhook message visible in an open inbox within 100 ms (p99), with 50 browsers open. */
const aimP99Ms = 100
const browsers = Number(process.env.BENCH_PUSH_BROWSERS ?? 50)
const messages = Number(process.env.BENCH_PUSH_MESSAGES ?? 150)
const perSecond = Number(process.env.BENCH_PUSH_RATE ?? 10)
const drainMs = 5_000

export async function benchPush(target: BenchTarget, log: (line: string) => void): Promise<Row[]> {
  const database = await freshDatabase(target.kind, 'push')
  try {
    const wa = await startWhatsappServer(database.env)
    try {
      const phoneNumberId = benchPhoneNumberId(90)
      await wa.createChannel(phoneNumberId, 'Bench push')
      const cookies = await signInAgents(wa, browsers)
      const rows: Row[] = []
      for (const [phase, mode] of (['push', 'pull'] as ClientMode[]).entries()) {
        log(`  ${target.kind}: ${messages} webhook messages at ${perSecond}/s, ${browsers} streams (${mode})`)
        rows.push(await measure(target, wa, phoneNumberId, cookies, mode, phase))
      }
      return rows
    } finally {
      await wa.stop()
    }
  } finally {
    await database.remove()
  }
}

async function measure(
  target: BenchTarget,
  wa: WhatsappServer,
  phoneNumberId: string,
  cookies: readonly string[],
  mode: ClientMode,
  phase: number,
): Promise<Row> {
  const tag = `pb${phase}x`
  const sentAt = new Map<string, number>()
  const samples: number[] = []
  const slowest = new Map<string, number>()
  const fastest = new Map<string, number>()
  const answered: number[] = []
  const answeredAt = new Map<string, number>()
  const arrivals: [string, number][] = []
  let failed = 0
  const clients = openStreamClients(wa.server.url, cookies, mode, new RegExp(`${tag}\\d+z`, 'g'), (_, marker) => {
    const from = sentAt.get(marker)
    if (from === undefined) return
    const now = performance.now()
    const ms = now - from
    arrivals.push([marker, now])
    samples.push(ms)
    slowest.set(marker, Math.max(slowest.get(marker) ?? 0, ms))
    fastest.set(marker, Math.min(fastest.get(marker) ?? ms, ms))
  })
  try {
    await clients.ready
    await sleep(500)
    const deliveries = Array.from({ length: messages }, (_, i) => signed(phoneNumberId, phase * 100_000 + i, `${tag}${i}z`))
    const started = performance.now()
    const answers: Promise<void>[] = []
    for (let i = 0; i < messages; i++) {
      const due = started + (i * 1000) / perSecond
      if (due > performance.now()) await sleep(due - performance.now())
      const sent = performance.now()
      const marker = `${tag}${i}z`
      sentAt.set(marker, sent)
      const delivery = deliveries[i]!
      answers.push(
        wa.meta.send('POST', '/webhooks/meta', delivery.body, delivery.headers).then(
          (answer) => {
            answered.push(performance.now() - sent)
            answeredAt.set(marker, performance.now())
            if (answer.status !== 200) failed++
          },
          () => {
            failed++
          },
        ),
      )
    }
    await Promise.all(answers)
    const deadline = performance.now() + drainMs
    while (samples.length < messages * cookies.length && performance.now() < deadline) await sleep(50)
  } finally {
    clients.close()
  }
  const expected = messages * cookies.length
  const worst = [...slowest.values()]
  // The stream's own share: from the webhook's answer (the commit) to the browser (negative when it came first).
  const pastAnswer = arrivals.filter(([m]) => answeredAt.has(m)).map(([m, at]) => at - answeredAt.get(m)!)
  // How long the fan-out to every stream took past the first.
  const spread = [...slowest].map(([marker, ms]) => ms - fastest.get(marker)!)
  const scenario =
    mode === 'push'
      ? `webhook → \`tickets\` event, ${cookies.length} streams`
      : `webhook → \`change\` + pull, ${cookies.length} streams`
  const p99 = percentile(samples, 99)
  return {
    scenario,
    kind: target.kind,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99,
    aim: `p99 ≤ ${aimP99Ms} ms`,
    met: samples.length === expected && p99 <= aimP99Ms,
    note: [
      `${messages} msgs at ${perSecond}/s (${failed} refused), webhook answered p50 ${ms(answered, 50)} p99 ${ms(answered, 99)}`,
      `${expected - samples.length} of ${expected} not seen in ${drainMs / 1000} s`,
      `after the answer p50 ${ms(pastAnswer, 50)} p99 ${ms(pastAnswer, 99)}`,
      `first to last stream p99 ${ms(spread, 99)}, slowest stream per message p99 ${ms(worst, 99)}`,
    ].join('; '),
  }
}

const ms = (samples: readonly number[], p: number) => `${percentile(samples, p).toFixed(0)} ms`

function signed(phoneNumberId: string, customer: number, text: string) {
  const raw = metaJson(
    whatsappText({
      phoneNumberId,
      businessAccountId: benchBusinessAccountId,
      from: customerNumber(customer),
      name: `Push ${customer}`,
      text,
    }),
  )
  return {
    body: Buffer.from(raw, 'utf8'),
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaBody(raw, benchAppSecret) },
  }
}

/** The admin and `count - 1` agents, each signed in: their session cookies. */
async function signInAgents(wa: WhatsappServer, count: number): Promise<string[]> {
  const cookies: string[] = []
  for (let i = 0; i < count; i++) {
    const email = i === 0 ? undefined : `push-agent-${i}@example.com`
    const password = 'push-password-1'
    if (email) {
      const created = await wa.api.send('POST', '/api/agents', { email, name: `Agent ${i}`, role: 'agent', password })
      if (created.status !== 201) throw new Error(`agent: ${created.status} ${created.body}`)
    }
    const login = await fetch(`${wa.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(email ? { email, password } : benchAdmin),
    })
    if (login.status !== 200) throw new Error(`login: ${login.status}`)
    cookies.push(login.headers.get('set-cookie')!.split(';')[0]!)
  }
  return cookies
}
