// "Undo merge" for each merge into this profile that has not been undone since, read from the profile's
// audit log (a merge row names the profile merged in and the identities it brought).
import { createResource, For, Show } from 'solid-js'
import { auditPageSchema } from '../../../shared/schema/audit.ts'
import { contactResponseSchema } from '../../../shared/schema/contact.ts'
import { api } from '../net/http.ts'
import { errorText } from '../settings/error-text.ts'
import { type OpenMerge, openMerges } from './open-merges.ts'

export function UndoMerges(props: {
  contactId: string
  version: number
  onUndone: () => void
  onMessage: (text: string) => void
}) {
  const [merges] = createResource(
    () => ({ id: props.contactId, version: props.version }),
    async ({ id }) => openMerges((await api(auditPageSchema, 'GET', `/api/contacts/${id}/audit?limit=200`)).items),
  )

  async function undo(merge: OpenMerge): Promise<void> {
    try {
      await api(contactResponseSchema, 'POST', `/api/contacts/${merge.sourceId}/unmerge`)
      props.onMessage(`Merge of ${merge.label} undone.`)
      props.onUndone()
    } catch (error) {
      props.onMessage(errorText(error))
    }
  }

  return (
    <Show when={!merges.error && (merges() ?? []).length > 0}>
      <h3>Merged profiles</h3>
      <ul class="identities">
        <For each={merges()}>
          {(merge) => (
            <li>
              {merge.label}{' '}
              <button type="button" onClick={() => void undo(merge)} aria-label={`Undo merge of ${merge.label}`}>
                Undo merge
              </button>
            </li>
          )}
        </For>
      </ul>
    </Show>
  )
}
