// The agent's signature for the ticket's channel, shown under the reply as it will go out, and edited in
// place (each agent edits only their own: PUT /api/me/signatures/:channelId).
import { createSignal, Show } from 'solid-js'
import { signatureResponseSchema } from '../../../shared/schema/signature.ts'
import { api } from '../net/http.ts'
import { errorText } from '../settings/error-text.ts'

export function SignatureLine(props: { channelId: string; signature: string; onSaved: (body: string) => void }) {
  const [editing, setEditing] = createSignal(false)
  const [problem, setProblem] = createSignal('')
  let box!: HTMLTextAreaElement

  async function save(): Promise<void> {
    try {
      const { signature } = await api(signatureResponseSchema, 'PUT', `/api/me/signatures/${props.channelId}`, {
        body: box.value,
      })
      props.onSaved(signature.body)
      setEditing(false)
      setProblem('')
    } catch (error) {
      setProblem(errorText(error))
    }
  }

  return (
    <div class="signature-line">
      <Show
        when={editing()}
        fallback={
          <>
            <Show when={props.signature}>
              <pre class="signature-preview" title="Signature">
                {props.signature}
              </pre>
            </Show>
            <button type="button" class="link" onClick={() => setEditing(true)}>
              {props.signature ? 'Edit signature' : 'Add signature'}
            </button>
          </>
        }
      >
        <textarea ref={box} aria-label="Your signature on this channel" rows="3" value={props.signature} />
        <button type="button" onClick={() => void save()}>
          Save signature
        </button>
        <button type="button" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </Show>
      <Show when={problem()}>
        <p class="error" role="alert">
          {problem()}
        </p>
      </Show>
    </div>
  )
}
