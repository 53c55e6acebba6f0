// On an empty database: an offer to load sample conversations on every channel (they arrive through the
// same ingest path as real ones), and to remove them all again in one action.
import { createSignal, Show } from 'solid-js'
import { z } from 'zod'
import { api } from '../net/http.ts'
import type { Workspace } from '../workspace.ts'

const sampleResultSchema = z.object({ tickets: z.number() })

export function SampleData(props: { ws: Workspace }) {
  const [state, setState] = createSignal<'idle' | 'busy' | 'done'>('idle')
  const [problem, setProblem] = createSignal('')
  async function load(): Promise<void> {
    setState('busy')
    try {
      await api(sampleResultSchema, 'POST', '/api/sample-data')
      setState('done')
      await props.ws.sync.pull()
    } catch (error) {
      setProblem((error as Error).message)
      setState('idle')
    }
  }
  return (
    <Show when={props.ws.me.role === 'admin'}>
      <section class="sample-offer" aria-label="Sample data">
        <p>No conversations yet. Load sample conversations on every channel to try the inbox?</p>
        <button type="button" class="primary" disabled={state() !== 'idle'} onClick={() => void load()}>
          Load sample conversations
        </button>
        <span role="status">{state() === 'busy' ? 'Loading…' : problem()}</span>
      </section>
    </Show>
  )
}
