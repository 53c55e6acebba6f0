// Load shapes: a closed loop (N requests in flight, the next sent when one answers) and an open loop (a
// fixed arrival rate whatever the answers do). Both are bounded in request count AND time.
import { setTimeout as sleep } from 'node:timers/promises'

/** Sends request `i` and returns its HTTP status. */
export type Send = (i: number) => Promise<number>

export interface LoadResult {
  sent: number
  /** 2xx answers, and their times in ms. */
  ok: number
  latencies: number[]
  failed: number
  firstFailure: string | null
  /** From the first send to the last answer. */
  elapsedMs: number
  /** Open loop only: how late the client sent, past the schedule (p99, ms). */
  sendLagP99Ms?: number
}

function newResult(): LoadResult {
  return { sent: 0, ok: 0, latencies: [], failed: 0, firstFailure: null, elapsedMs: 0 }
}

async function timed(result: LoadResult, send: Send, i: number, from: number): Promise<void> {
  try {
    const status = await send(i)
    if (status >= 200 && status < 300) {
      result.ok++
      result.latencies.push(performance.now() - from)
    } else {
      result.failed++
      result.firstFailure ??= `HTTP ${status}`
    }
  } catch (error) {
    result.failed++
    result.firstFailure ??= error instanceof Error ? error.message : String(error)
  }
}

export async function closedLoop(options: {
  concurrency: number
  maxRequests: number
  maxMs: number
  send: Send
}): Promise<LoadResult> {
  const result = newResult()
  const start = performance.now()
  const deadline = start + options.maxMs
  let next = 0
  const worker = async () => {
    while (next < options.maxRequests && performance.now() < deadline) {
      const i = next++
      result.sent++
      await timed(result, options.send, i, performance.now())
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker))
  result.elapsedMs = performance.now() - start
  return result
}

/**
 * Sends `rate` requests a second for `durationMs`, each at its scheduled time; latency counts from the
 * scheduled time, so a client that falls behind shows as latency instead of hiding it. Answers still
 * outstanding `drainMs` after the last send are counted as failed.
 */
export async function openLoop(options: { rate: number; durationMs: number; drainMs: number; send: Send }): Promise<LoadResult> {
  const result = newResult()
  const total = Math.floor((options.rate * options.durationMs) / 1000)
  const intervalMs = 1000 / options.rate
  const pending = new Set<Promise<void>>()
  const lags: number[] = []
  const start = performance.now()
  let i = 0
  while (i < total) {
    const now = performance.now()
    while (i < total && start + i * intervalMs <= now) {
      const scheduled = start + i * intervalMs
      lags.push(now - scheduled)
      result.sent++
      const p = timed(result, options.send, i, scheduled)
      pending.add(p)
      void p.finally(() => pending.delete(p))
      i++
    }
    const wait = start + i * intervalMs - performance.now()
    await sleep(Math.max(0, Math.floor(wait)))
  }
  const drained = Promise.all(pending).then(() => true)
  const finished = await Promise.race([drained, sleep(options.drainMs).then(() => false)])
  if (!finished) {
    result.failed += pending.size
    result.firstFailure ??= `${pending.size} requests unanswered ${options.drainMs} ms after the last send`
  }
  result.elapsedMs = performance.now() - start
  lags.sort((a, b) => a - b)
  result.sendLagP99Ms = lags[Math.floor(lags.length * 0.99)] ?? 0
  // A snapshot: answers that arrive after the drain deadline must not change what was reported.
  return { ...result, latencies: [...result.latencies] }
}
