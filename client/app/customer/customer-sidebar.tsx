// The customer beside the thread: the unified profile (name, email, phone), its identities (linked and
// removed by hand: contact-identities.tsx), all their tickets, merging another profile of the same person
// into this one and undoing a merge (undo-merges.tsx), and the profile's history.

import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js'
import { z } from 'zod'
import { pageSchema } from '../../../shared/schema/common.ts'
import { contactIdentitySchema, contactResponseSchema, contactSchema } from '../../../shared/schema/contact.ts'
import { ticketSchema } from '../../../shared/schema/ticket.ts'
import { AuditHistory } from '../audit/audit-history.tsx'
import { api } from '../net/http.ts'
import { ChannelIcon } from '../ui/channel-icon.tsx'
import { ContactIdentities } from './contact-identities.tsx'
import { UndoMerges } from './undo-merges.tsx'

const contactDetailSchema = z.object({
  contact: contactSchema,
  identities: z.array(contactIdentitySchema),
  tickets: z.array(ticketSchema),
})
const contactPageSchema = pageSchema(contactSchema)

export function CustomerSidebar(props: { contactId: string; reachable: boolean; onMerged: () => void }) {
  const [detail, { refetch }] = createResource(
    () => props.contactId,
    (id) => api(contactDetailSchema, 'GET', `/api/contacts/${id}`),
  )
  // The profile is read from the server only: asked again when the server is back.
  createEffect(
    on(
      () => props.reachable,
      (reachable) => {
        if (reachable && detail.error) void refetch()
      },
      { defer: true },
    ),
  )
  const [query, setQuery] = createSignal('')
  const [matches] = createResource(
    () => (query().trim().length >= 2 ? query().trim() : null),
    (q) => api(contactPageSchema, 'GET', `/api/contacts?q=${encodeURIComponent(q)}&limit=5`).then((p) => p.items),
  )
  const [message, setMessage] = createSignal('')
  // Bumped by every change made here: the merges and the history are read again.
  const [version, setVersion] = createSignal(0)
  async function changed(): Promise<void> {
    setVersion((v) => v + 1)
    await refetch()
    props.onMerged()
  }

  async function merge(sourceId: string): Promise<void> {
    try {
      await api(contactResponseSchema, 'POST', `/api/contacts/${props.contactId}/merge`, { sourceId })
      setMessage('Profiles merged.')
      setQuery('')
      await changed()
    } catch (error) {
      setMessage((error as Error).message)
    }
  }

  return (
    <aside class="customer" aria-label="Customer">
      <Show
        // A resource that failed throws when read: the error is asked first.
        when={!detail.error && detail()}
        fallback={<p class="muted">{detail.error ? 'The profile needs the network.' : 'Loading profile…'}</p>}
      >
        {(d) => (
          <>
            <h2>{d().contact.name ?? 'Unknown customer'}</h2>
            <dl>
              <Show when={d().contact.email}>
                <dt>Email</dt>
                <dd>{d().contact.email}</dd>
              </Show>
              <Show when={d().contact.phone}>
                <dt>Phone</dt>
                <dd>{d().contact.phone}</dd>
              </Show>
            </dl>
            <h3>Identities</h3>
            <ContactIdentities contactId={props.contactId} identities={d().identities} onChanged={() => void changed()} />
            <h3>Tickets</h3>
            <ul class="customer-tickets">
              <For each={d().tickets}>
                {(t) => (
                  <li>
                    <a href={`#/tickets/${t.id}`}>
                      <ChannelIcon kind={t.channelKind} /> #{t.number} {t.subject ?? t.lastMessagePreview ?? ''}{' '}
                      <em>{t.status}</em>
                    </a>
                  </li>
                )}
              </For>
            </ul>
            <h3>Merge a duplicate profile</h3>
            <input
              type="search"
              aria-label="Find a profile to merge"
              placeholder="Name, email or phone"
              value={query()}
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
            <ul class="merge-matches">
              <For each={(matches() ?? []).filter((c) => c.id !== props.contactId)}>
                {(c) => (
                  <li>
                    {c.name ?? c.email ?? c.phone}{' '}
                    <button
                      type="button"
                      onClick={() => void merge(c.id)}
                      aria-label={`Merge ${c.name ?? c.email ?? 'profile'} into this one`}
                    >
                      Merge
                    </button>
                  </li>
                )}
              </For>
            </ul>
            <UndoMerges contactId={props.contactId} version={version()} onUndone={() => void changed()} onMessage={setMessage} />
            <p role="status">{message()}</p>
            <AuditHistory
              path={`/api/contacts/${props.contactId}/audit`}
              label="Profile history"
              version={version()}
              nameOf={() => undefined}
            />
          </>
        )}
      </Show>
    </aside>
  )
}
