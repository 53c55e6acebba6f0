// A signal of the current minute, for "waiting 5 min" texts that age without re-reading anything.
import { createSignal, onCleanup } from 'solid-js'

export function createNow(intervalMs = 30_000) {
  const [now, setNow] = createSignal(Date.now())
  const timer = setInterval(() => setNow(Date.now()), intervalMs)
  onCleanup(() => clearInterval(timer))
  return now
}
