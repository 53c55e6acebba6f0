// Shared documents on the real server, with stock y-websocket clients in this process:
// (a) 50 agents on one ticket, one of them typing 50 keystrokes a second: keystroke → every other client;
// (b) 500 tickets with 2 agents each (1,000 sockets), 250 keystrokes a second spread over them:
//     keystroke → the partner, and the server's memory per open document (after a forced GC);
// (c) a document of 10,000 stored updates: time to open it (first load merges them), then once merged;
// (d) open/close cycles of many documents: is the server's memory back after they are unloaded?
// Latency counts from the keystroke to the update arriving at the other client.
import { readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { type BenchServer, startBenchServer } from './bench-server.ts'
import { freshDatabase } from './fresh-database.ts'
import { createHttpClient, type HttpClient } from './http-client.ts'
import { percentile } from './latency.ts'
import { closedLoop } from './load.ts'
import type { Row } from './report-table.ts'
import type { BenchTarget } from './targets.ts'

const cycleDocuments = Number(process.env.BENCH_COLLAB_DOCUMENTS ?? 10_000)
const cycles = Number(process.env.BENCH_COLLAB_CYCLES ?? 10)
const unloadSeconds = 2

interface Agent {
  doc: Y.Doc
  provider: WebsocketProvider
}

interface Memory {
  heapUsed: number
  external: number
  arrayBuffers: number
  rss: number
}

export async function benchCollab(target: BenchTarget, log: (line: string) => void): Promise<Row[]> {
  const database = await freshDatabase(target.kind, 'collab')
  const probeFile = join(tmpdir(), `helpdesk-heap-${process.pid}-${target.kind}.json`)
  const probe = new URL('./heap-probe.ts', import.meta.url).pathname
  const server = await startBenchServer(
    { ...database.env, DOCUMENT_UNLOAD_SECONDS: String(unloadSeconds), HEAP_PROBE_FILE: probeFile },
    ['--expose-gc', '--import', probe],
  )
  const api = createHttpClient(server.url, 32)
  const rows: Row[] = []
  try {
    await api.login()
    const token = (JSON.parse((await api.send('POST', '/api/tokens', { name: 'bench' })).body) as { token: string }).token
    const tickets = await createTickets(api, Math.max(cycleDocuments, 501), log, target.kind)
    const memory = () => heap(server, probeFile)
    const connect = (ticketId: string) => agent(server.url, ticketId, token)

    rows.push(await oneTicketManyAgents(target, tickets[0]!, connect, log))
    rows.push(...(await manyTicketsTwoAgents(target, tickets.slice(1, 501), connect, memory, log)))
    rows.push(...(await largeDocument(target, tickets[tickets.length - 1]!, connect, log)))
    rows.push(await openCloseCycles(target, server.url, token, tickets.slice(0, cycleDocuments), memory, log))
  } finally {
    api.close()
    await server.stop()
    rmSync(probeFile, { force: true })
    await database.remove()
  }
  return rows
}

async function oneTicketManyAgents(
  target: BenchTarget,
  ticketId: string,
  connect: (ticketId: string) => Promise<Agent>,
  log: (line: string) => void,
): Promise<Row> {
  const agents = await Promise.all(Array.from({ length: 50 }, () => connect(ticketId)))
  const latencies: number[] = []
  const sentAt: number[] = []
  for (const receiver of agents.slice(1)) {
    let seen = 0
    receiver.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === receiver.provider) latencies.push(performance.now() - sentAt[seen++]!)
    })
  }
  const keystrokes = 300
  log(`  ${target.kind}: 50 agents on one ticket, ${keystrokes} keystrokes at 50/s`)
  const text = agents[0]!.doc.getText('draft')
  for (let i = 0; i < keystrokes; i++) {
    sentAt.push(performance.now())
    text.insert(text.length, String.fromCharCode(97 + (i % 26)))
    await sleep(20)
  }
  await waitFor(() => latencies.length >= keystrokes * 49, 10_000)
  const expected = text.toString()
  const converged = agents.every((a) => a.doc.getText('draft').toString() === expected)
  for (const a of agents) close(a)
  return {
    scenario: 'collab keystroke → 49 other agents on one ticket',
    kind: target.kind,
    msgsPerSec: 50,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    aim: 'p99 ≤ 10 ms',
    met: percentile(latencies, 99) <= 10 && converged,
    note: `${latencies.length}/${keystrokes * 49} arrivals; all 50 documents ${converged ? 'equal' : 'DIFFER'}; the 50 clients run in the bench process`,
  }
}

async function manyTicketsTwoAgents(
  target: BenchTarget,
  tickets: string[],
  connect: (ticketId: string) => Promise<Agent>,
  memory: () => Promise<Memory>,
  log: (line: string) => void,
): Promise<Row[]> {
  const before = await memory()
  const pairs: [Agent, Agent][] = []
  for (let i = 0; i < tickets.length; i += 25) {
    const batch = tickets.slice(i, i + 25)
    pairs.push(...(await Promise.all(batch.map(async (t) => [await connect(t), await connect(t)] as [Agent, Agent]))))
  }
  const opened = await memory()
  const perDocument = (opened.heapUsed + opened.external - before.heapUsed - before.external) / tickets.length
  const rssPerDocument = (opened.rss - before.rss) / tickets.length

  const latencies: number[] = []
  const pending = new Map<Agent, number[]>()
  for (const [a, b] of pairs) {
    for (const [receiver, sender] of [
      [a, b],
      [b, a],
    ] as const) {
      const queue: number[] = []
      pending.set(sender, queue)
      receiver.doc.on('update', (_update: Uint8Array, origin: unknown) => {
        if (origin === receiver.provider) latencies.push(performance.now() - queue.shift()!)
      })
    }
  }
  const keystrokes = 2_500
  log(`  ${target.kind}: ${tickets.length} tickets × 2 agents, ${keystrokes} keystrokes at 250/s`)
  const started = performance.now()
  for (let i = 0; i < keystrokes; i++) {
    const due = started + i * 4
    if (due > performance.now()) await sleep(due - performance.now())
    const pair = pairs[(i * 7919) % pairs.length]!
    const sender = pair[i % 2]!
    pending.get(sender)!.push(performance.now())
    const text = sender.doc.getText('draft')
    text.insert(text.length, 'x')
  }
  await waitFor(() => latencies.length >= keystrokes, 10_000)
  const elapsed = performance.now() - started
  const converged = pairs.every(([a, b]) => a.doc.getText('draft').toString() === b.doc.getText('draft').toString())
  for (const [a, b] of pairs) {
    close(a)
    close(b)
  }
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
  return [
    {
      scenario: `collab keystroke → partner, ${tickets.length} tickets × 2 agents`,
      kind: target.kind,
      msgsPerSec: (latencies.length / elapsed) * 1000,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      aim: 'p99 ≤ 10 ms',
      met: percentile(latencies, 99) <= 10 && converged,
      note: `${latencies.length}/${keystrokes} arrivals; ${converged ? 'every pair equal' : 'pairs DIFFER'}; ${pairs.length * 2} sockets on one server process`,
    },
    {
      scenario: `collab server memory per open document (${tickets.length} open, 2 sockets each)`,
      kind: target.kind,
      aim: '≤ 50 KB',
      met: perDocument <= 50 * 1024,
      note: `${kb(perDocument)} heap+external after GC (RSS ${kb(rssPerDocument)}), sockets included`,
    },
  ]
}

async function largeDocument(
  target: BenchTarget,
  ticketId: string,
  connect: (ticketId: string) => Promise<Agent>,
  log: (line: string) => void,
): Promise<Row[]> {
  const updates = 10_000
  log(`  ${target.kind}: a document of ${updates} stored updates`)
  const writer = await connect(ticketId)
  const watcher = await connect(ticketId)
  const text = writer.doc.getText('draft')
  for (let i = 0; i < updates; i++) {
    text.insert(text.length, String(i % 10))
    if (i % 500 === 499) await sleep(1)
  }
  // The watcher gets each update after it is stored.
  await waitFor(() => watcher.doc.getText('draft').length >= updates, 120_000)
  close(writer)
  close(watcher)
  const loads: number[] = []
  for (let round = 0; round < 2; round++) {
    await sleep(unloadSeconds * 1000 + 1_500)
    const started = performance.now()
    const reader = await connect(ticketId)
    loads.push(performance.now() - started)
    if (reader.doc.getText('draft').length !== updates) throw new Error('the large document did not load whole')
    close(reader)
  }
  return [
    {
      scenario: `collab open a document of ${updates} stored updates (merged as it loads)`,
      kind: target.kind,
      p50: loads[0],
      note: 'socket open → synced, one client; the merge into one snapshot is part of it',
    },
    {
      scenario: 'collab open the same document once merged',
      kind: target.kind,
      p50: loads[1],
      note: 'socket open → synced',
    },
  ]
}

async function openCloseCycles(
  target: BenchTarget,
  url: string,
  token: string,
  tickets: string[],
  memory: () => Promise<Memory>,
  log: (line: string) => void,
): Promise<Row> {
  await sleep(unloadSeconds * 1000 + 2_000)
  const baseline = await memory()
  const perCycle: number[] = []
  const opens: number[] = []
  let failed = 0
  for (let cycle = 0; cycle < cycles; cycle++) {
    const started = performance.now()
    const result = await closedLoop({
      concurrency: 50,
      maxRequests: tickets.length,
      maxMs: 120_000,
      send: async (i) => {
        const opened = performance.now()
        await openAndClose(url, tickets[i]!, token)
        opens.push(performance.now() - opened)
        return 200
      },
    })
    failed += result.failed
    perCycle.push(performance.now() - started)
    await sleep(unloadSeconds * 1000 + 2_000)
    log(
      `  ${target.kind}: cycle ${cycle + 1}/${cycles}: ${tickets.length} documents opened and closed in ${(perCycle.at(-1)! / 1000).toFixed(1)} s`,
    )
  }
  const after = await memory()
  const held = (m: Memory) => m.heapUsed + m.external
  const growth = (held(after) - held(baseline)) / held(baseline)
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return {
    scenario: `collab ${cycles} open/close cycles of ${tickets.length} documents`,
    kind: target.kind,
    msgsPerSec: (tickets.length * cycles) / (perCycle.reduce((a, b) => a + b, 0) / 1000),
    p50: percentile(opens, 50),
    p95: percentile(opens, 95),
    p99: percentile(opens, 99),
    aim: 'memory back within 5%',
    met: growth <= 0.05 && failed === 0,
    note: `heap+external ${mb(held(baseline))} before, ${mb(held(after))} after (${(growth * 100).toFixed(1)}%), RSS ${mb(after.rss)}; latency = socket open → first document byte; ${failed} failed`,
  }
}

async function createTickets(api: HttpClient, count: number, log: (line: string) => void, kind: string): Promise<string[]> {
  const created = await api.send('POST', '/api/channels', { kind: 'form', name: 'Bench form', config: {} })
  const channelId = (JSON.parse(created.body) as { channel: { id: string } }).channel.id
  const started = performance.now()
  await closedLoop({
    concurrency: 32,
    maxRequests: count,
    maxMs: 300_000,
    send: async (i) =>
      (
        await api.send('POST', `/webhooks/form/${channelId}`, {
          name: `Customer ${i}`,
          email: `customer${i}@bench.example`,
          message: `Collaboration bench ticket ${i}`,
        })
      ).status,
  })
  const ids: string[] = []
  let cursor: string | null = null
  do {
    const page = await api.send('GET', `/api/tickets?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
    const body = JSON.parse(page.body) as { items: { id: string }[]; nextCursor: string | null }
    ids.push(...body.items.map((t) => t.id))
    cursor = body.nextCursor
  } while (cursor)
  log(`  ${kind}: ${ids.length} tickets made in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  if (ids.length < count) throw new Error(`only ${ids.length} of ${count} tickets were made`)
  return ids
}

async function agent(url: string, ticketId: string, token: string): Promise<Agent> {
  // Each Node provider listens for the process's exit; a thousand of them are expected here.
  process.setMaxListeners(0)
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/collab`, ticketId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`document ${ticketId} did not sync in 30 s`)), 30_000)
    provider.once('sync', () => {
      clearTimeout(timer)
      resolve()
    })
  })
  return { doc, provider }
}

function close(agent: Agent): void {
  agent.provider.destroy()
  agent.doc.destroy()
}

/** A socket that opens a document, reads its first message (the server's sync step 1) and leaves. */
function openAndClose(url: string, ticketId: string, token: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/collab/${ticketId}?token=${token}`)
    const timer = setTimeout(() => {
      socket.terminate()
      reject(new Error('no document byte in 30 s'))
    }, 30_000)
    socket.once('message', () => {
      clearTimeout(timer)
      socket.close()
      resolve()
    })
    socket.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
  })
}

async function heap(server: BenchServer, file: string): Promise<Memory> {
  rmSync(file, { force: true })
  process.kill(server.pid, 'SIGUSR2')
  for (let waited = 0; waited < 10_000; waited += 50) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Memory
    } catch {
      await sleep(50)
    }
  }
  throw new Error('the server wrote no heap figures (is test/bench/heap-probe.ts loaded?)')
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!done() && performance.now() < deadline) await sleep(10)
}
