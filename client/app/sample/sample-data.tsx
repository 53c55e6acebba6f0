// On an empty database: an offer to load sample conversations on every channel (they arrive through the
// same ingest path as real ones); once loaded, one button removes them all again. Admins only.
import { createSignal, Show } from 'solid-js'
import { z } from 'zod'
import { api } from '../net/http.ts'
import type { Workspace } from '../workspace.ts'

const sampleResultSchema = z.object({ tickets: z.number() })

export function SampleData(props: { ws: Workspace; empty: boolean }) {
  const [busy, setBusy] = createSignal(false)
  const [problem, setProblem] = createSignal('')
  const loaded = () => props.ws.channels().some((c) => c.config.sample === true)

  async function run(method: 'POST' | 'DELETE'): Promise<void> {
    setBusy(true)
    setProblem('')
    try {
      await api(sampleResultSchema, method, '/api/sample-data')
      await props.ws.refreshDirectory()
      await props.ws.sync.pull()
    } catch (error) {
      setProblem((error as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Show when={props.ws.me.role === 'admin' && props.ws.sync.reachable() && (loaded() || props.empty)}>
      <section class="sample-offer" aria-label="Sample data">
        <Show
          when={loaded()}
          fallback={
            <>
              <p>No conversations yet. Load sample conversations on every channel to try the inbox?</p>
              <button type="button" class="primary" disabled={busy()} onClick={() => void run('POST')}>
                Load sample conversations
              </button>
            </>
          }
        >
          <p>Sample conversations are in the inbox.</p>
          <button type="button" disabled={busy()} onClick={() => void run('DELETE')}>
            Remove sample conversations
          </button>
        </Show>
        <span role="status">{busy() ? 'Working…' : problem()}</span>
      </section>
    </Show>
  )
}
