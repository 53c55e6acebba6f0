// The events waiting to be written to one sync stream, in order. A stream that falls behind (a slow or
// stalled client) is not buffered without bound: past `maxBytes` what it waits for is replaced by one
// `change`, and its client pulls it all instead.
import { changeEvent, type PushEvent } from './push-fanout.ts'

export interface StreamQueue {
  push(events: readonly PushEvent[], at: string): void
  /** Everything queued, oldest first; the queue is empty after. */
  take(): PushEvent[]
  /** Resolves true when something is queued (or `wake` is called), false after `ms` of nothing. */
  wait(ms: number): Promise<boolean>
  wake(): void
}

export function createStreamQueue(maxBytes = 1024 * 1024): StreamQueue {
  let pending: PushEvent[] = []
  let bytes = 0
  let waker: (() => void) | null = null

  const wake = () => {
    waker?.()
    waker = null
  }
  return {
    push(events, at) {
      for (const event of events) {
        pending.push(event)
        bytes += event.data.length
      }
      if (bytes > maxBytes) {
        pending = [changeEvent(at)]
        bytes = 0
      }
      if (events.length) wake()
    },
    take() {
      const taken = pending
      pending = []
      bytes = 0
      return taken
    },
    wait(ms) {
      if (pending.length) return Promise.resolve(true)
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waker = null
          resolve(false)
        }, ms)
        waker = () => {
          clearTimeout(timer)
          resolve(true)
        }
      })
    },
    wake,
  }
}
