// Nothing lost, nothing doubled: 100,000 WhatsApp messages in 2,000 deliveries of 50, 8 in flight, some
// out of order and 10% POSTed a second time (Meta's retries; a third of them while the first is still in
// flight). Afterwards the database must hold each wamid of every answered delivery exactly once, as an
// inbound message and as a raw inbound event of type message. Bounded by count and by time.
import { sql } from 'drizzle-orm'
import type { Db } from '../../server/db/create-db.ts'
import { rows } from '../../server/db/rows.ts'
import { freshDatabase } from './fresh-database.ts'
import { percentile } from './latency.ts'
import { closedLoop } from './load.ts'
import { createRandom, type Random } from './random.ts'
import type { Row } from './report-table.ts'
import type { BenchTarget } from './targets.ts'
import { benchPhoneNumberId, buildDeliveries, customerNumber } from './whatsapp-deliveries.ts'
import { startWhatsappServer } from './whatsapp-setup.ts'

const deliveryCount = 2_000
const perDelivery = 50
const retries = deliveryCount / 10
/** Each customer writes four messages, in four deliveries (so later ones join the ticket of the first). */
const senders = (deliveryCount * perDelivery) / 4
const maxMs = 240_000

export interface LossCheck {
  row: Row
  /** "lost 0, doubled 0" or the numbers, with what was checked. */
  summary: string
}

export async function checkWhatsappLoss(target: BenchTarget, log: (line: string) => void): Promise<LossCheck> {
  const random = createRandom(23)
  const start = Date.now() - deliveryCount * 1000
  const deliveries = buildDeliveries({
    phoneNumberId: benchPhoneNumberId(0),
    deliveries: deliveryCount,
    perDelivery,
    from: (d, k) => customerNumber(50_000_000 + ((d * perDelivery + k) % senders)),
    at: (d) => new Date(start + d * 1000),
    random,
  })
  const order = postingOrder(random)
  const posts = order.map((d) => deliveries[d]!)
  log(`  ${target.kind}: loss check, ${posts.length} POSTs of ${deliveryCount} deliveries (${retries} re-sent), 8 in flight`)

  const database = await freshDatabase(target.kind, 'whatsapp_loss')
  try {
    const wa = await startWhatsappServer(database.env)
    const answered = new Set<number>()
    let result: Awaited<ReturnType<typeof closedLoop>>
    let channelId: string
    try {
      channelId = await wa.createChannel(benchPhoneNumberId(0), 'Bench loss check')
      const send = wa.sender(posts, (i, status) => {
        if (status >= 200 && status < 300) answered.add(order[i]!)
      })
      result = await closedLoop({ concurrency: 8, maxRequests: posts.length, maxMs, send })
    } finally {
      await wa.stop()
    }
    const expected = new Set([...answered].flatMap((d) => deliveries[d]!.wamids))
    const db = await database.open()
    let found: Found
    try {
      found = await findStored(db.db, channelId)
    } finally {
      await db.close()
    }

    const lostMessages = [...expected].filter((w) => !found.messages.has(w)).length
    const lostEvents = [...expected].filter((w) => !found.events.has(w)).length
    const doubled = (counts: Map<string, number>) => [...counts.values()].reduce((sum, n) => sum + n - 1, 0)
    const doubledMessages = doubled(found.messages)
    const doubledEvents = doubled(found.events)
    const lost = Math.max(lostMessages, lostEvents)
    const twice = doubledMessages + doubledEvents
    const complete = result.sent === posts.length
    const seconds = result.elapsedMs / 1000
    const facts = [
      `${found.messageRows} inbound WhatsApp messages and ${found.eventRows} raw message events for ${expected.size} wamids answered 200`,
      `${result.sent}/${posts.length} POSTs in ${seconds.toFixed(1)} s${complete ? '' : ` (stopped at ${maxMs / 60_000} min)`}`,
      `${found.tickets} tickets / ${found.contacts} contacts for ${senders} customers`,
    ]
    if (lostMessages !== lostEvents) facts.push(`lost ${lostMessages} messages, ${lostEvents} raw events`)
    const unasked = found.messages.size - (expected.size - lostMessages)
    if (unasked) facts.push(`${unasked} stored wamids of deliveries not answered 200`)
    if (twice) facts.push(`doubled ${doubledMessages} messages, ${doubledEvents} raw events`)
    if (found.failedEvents) facts.push(`${found.failedEvents} raw events kept as failed`)
    if (result.failed) facts.push(`${result.failed} POSTs failed (${result.firstFailure})`)
    const verdict = `lost ${lost}, doubled ${twice}`
    const exact = complete && found.messageRows === deliveryCount * perDelivery && found.eventRows === deliveryCount * perDelivery
    return {
      row: {
        scenario: `whatsapp loss check ${deliveryCount}x${perDelivery} msgs, ${retries} re-sent`,
        kind: target.kind,
        msgsPerSec: found.messageRows / seconds,
        p50: percentile(result.latencies, 50),
        p95: percentile(result.latencies, 95),
        p99: percentile(result.latencies, 99),
        aim: 'lost 0, doubled 0',
        met: lost === 0 && twice === 0 && exact,
        note: `${verdict}; ${facts.join('; ')}`,
      },
      summary: `${target.kind} WhatsApp loss check: ${verdict} (${facts.join('; ')})`,
    }
  } finally {
    await database.remove()
  }
}

/**
 * The order of the POSTs, as delivery indexes: about one delivery in five swapped with one up to 20
 * places later, then `retries` deliveries sent again, a third of them 1-3 places behind the first POST
 * (both in flight together), the others 10-300 places later.
 */
function postingOrder(random: Random): number[] {
  const order = Array.from({ length: deliveryCount }, (_, i) => i)
  for (let i = 0; i < deliveryCount; i++) {
    if (random.next() >= 0.2) continue
    const j = Math.min(deliveryCount - 1, i + 1 + random.int(20))
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  const keyed = order.map((d, position) => ({ d, key: position }))
  const again = new Set<number>()
  while (again.size < retries) again.add(random.int(deliveryCount))
  for (const position of again) {
    const later = random.next() < 1 / 3 ? 1 + random.int(3) : 10 + random.int(291)
    keyed.push({ d: order[position]!, key: position + later + 0.5 })
  }
  return keyed.sort((a, b) => a.key - b.key).map((k) => k.d)
}

interface Found {
  /** Stored times per wamid. */
  messages: Map<string, number>
  events: Map<string, number>
  messageRows: number
  eventRows: number
  failedEvents: number
  tickets: number
  contacts: number
}

async function findStored(db: Db, channelId: string): Promise<Found> {
  const messageCounts = await rows<{ external_id: string; n: number }>(
    db,
    sql`select m.external_id, count(*)::int as n from messages m join tickets t on t.id = m.ticket_id
        where t.channel_id = ${channelId} and m.direction = 'inbound' and m.channel_kind = 'whatsapp'
        group by m.external_id`,
  )
  const eventCounts = await rows<{ external_id: string; n: number; failed: number }>(
    db,
    sql`select external_id, count(*)::int as n, count(*) filter (where status = 'failed')::int as failed
        from inbound_events where channel_id = ${channelId} and payload ->> 'type' = 'message'
        group by external_id`,
  )
  const [threads] = await rows<{ tickets: number; contacts: number }>(
    db,
    sql`select count(*)::int as tickets, count(distinct contact_id)::int as contacts from tickets where channel_id = ${channelId}`,
  )
  const sum = (list: { n: number }[]) => list.reduce((s, r) => s + r.n, 0)
  return {
    messages: new Map(messageCounts.map((r) => [r.external_id, r.n])),
    events: new Map(eventCounts.map((r) => [r.external_id, r.n])),
    messageRows: sum(messageCounts),
    eventRows: sum(eventCounts),
    failedEvents: eventCounts.reduce((s, r) => s + r.failed, 0),
    tickets: threads!.tickets,
    contacts: threads!.contacts,
  }
}
