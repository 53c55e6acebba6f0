// A profile's identities, each with a remove button that asks first, and a form to link another (kind and
// value). An identity another profile holds is refused by the server (409): the form says so and, when the
// agent may see that profile, offers to merge it into this one.
import { createSignal, For, Show } from 'solid-js'
import type { z } from 'zod'
import {
  type contactIdentitySchema,
  contactResponseSchema,
  identityKinds,
  identityResponseSchema,
} from '../../../shared/schema/contact.ts'
import { visitorLabel } from '../../../shared/visitor-label.ts'
import { ApiError, api } from '../net/http.ts'
import { errorText } from '../settings/error-text.ts'

type ContactIdentity = z.infer<typeof contactIdentitySchema>

export function ContactIdentities(props: { contactId: string; identities: ContactIdentity[]; onChanged: () => void }) {
  const [confirming, setConfirming] = createSignal<string | null>(null)
  const [message, setMessage] = createSignal('')
  const [holder, setHolder] = createSignal<string | null>(null)
  const base = () => `/api/contacts/${props.contactId}`
  let linkForm: HTMLFormElement | undefined

  async function act(run: () => Promise<string>): Promise<void> {
    try {
      setMessage(await run())
      props.onChanged()
    } catch (error) {
      setMessage(errorText(error))
    }
  }

  const remove = (identity: ContactIdentity) =>
    act(async () => {
      setConfirming(null)
      await api(identityResponseSchema, 'DELETE', `${base()}/identities/${identity.id}`)
      return `Removed ${identity.kind} ${identity.value}.`
    })

  async function add(form: HTMLFormElement): Promise<void> {
    const data = new FormData(form)
    setHolder(null)
    try {
      const { identity } = await api(identityResponseSchema, 'POST', `${base()}/identities`, {
        kind: data.get('kind'),
        value: String(data.get('value') ?? ''),
      })
      form.reset()
      setMessage(`Linked ${identity.kind} ${identity.value}.`)
      props.onChanged()
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        const other = (error.details as { contactId?: string } | undefined)?.contactId ?? null
        setHolder(other)
        setMessage(
          `Another profile already holds this ${data.get('kind')}. ${other ? 'Merge that profile into this one to keep both together.' : ''}`,
        )
      } else setMessage(errorText(error))
    }
  }

  const mergeHolder = (sourceId: string) =>
    act(async () => {
      await api(contactResponseSchema, 'POST', `${base()}/merge`, { sourceId })
      setHolder(null)
      linkForm?.reset()
      return 'Profiles merged.'
    })

  return (
    <>
      <ul class="identities">
        <For each={props.identities}>
          {(i) => (
            <li title={i.kind === 'chat' ? i.value : undefined}>
              {/* A visitor's id is a 64-character hash: shown by its readable label, whole on hover. */}
              <span class="identity-kind">{i.kind}</span>{' '}
              <span class="identity-value">{i.kind === 'chat' ? visitorLabel(i.value) : i.value}</span>
              <Show
                when={confirming() === i.id}
                fallback={
                  <button
                    type="button"
                    class="link-button"
                    aria-label={`Remove ${i.kind} ${i.value}`}
                    onClick={() => setConfirming(i.id)}
                  >
                    Remove
                  </button>
                }
              >
                <span class="confirm">
                  Remove?{' '}
                  <button type="button" class="danger" onClick={() => void remove(i)}>
                    Yes, remove
                  </button>{' '}
                  <button type="button" onClick={() => setConfirming(null)}>
                    Keep
                  </button>
                </span>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <form
        class="add-identity"
        ref={linkForm}
        aria-label="Link an identity"
        onSubmit={(e) => {
          e.preventDefault()
          void add(e.currentTarget)
        }}
      >
        <select name="kind" aria-label="Identity kind">
          <For each={identityKinds}>{(k) => <option value={k}>{k}</option>}</For>
        </select>
        <input name="value" class="identity-input" required aria-label="Identity value" placeholder="Email, phone (+…) or id" />
        <button type="submit">Link</button>
      </form>
      <Show when={message()}>
        <p role="status" class="identity-message">
          {message()}{' '}
          <Show when={holder()}>
            {(id) => (
              <button type="button" onClick={() => void mergeHolder(id())}>
                Merge that profile into this one
              </button>
            )}
          </Show>
        </p>
      </Show>
    </>
  )
}
