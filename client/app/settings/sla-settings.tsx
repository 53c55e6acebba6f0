// SLA policies: first reply, next reply and resolution targets per channel and priority, in a calendar's
// business hours or around the clock. The first matching policy (in this order) applies to a ticket.
import { For } from 'solid-js'
import { calendarListSchema } from '../../../shared/schema/calendar.ts'
import { channelKinds } from '../../../shared/schema/common.ts'
import { slaPolicyListSchema, slaPolicyResponseSchema } from '../../../shared/schema/sla-policy.ts'
import { priorities } from '../../../shared/schema/ticket.ts'
import { api } from '../net/http.ts'
import { SettingsForm } from './settings-form.tsx'
import { SettingsList } from './settings-list.tsx'
import { useList } from './use-list.ts'

const targets = [
  { key: 'firstReplyMinutes', label: 'First reply (minutes)' },
  { key: 'nextReplyMinutes', label: 'Next reply (minutes)' },
  { key: 'resolutionMinutes', label: 'Resolution (minutes)' },
] as const

export function SlaSettings() {
  const policies = useList(slaPolicyListSchema, '/api/sla-policies')
  const calendars = useList(calendarListSchema, '/api/calendars')
  const calendarName = (id: string | null) =>
    id ? (calendars.items().find((c) => c.id === id)?.name ?? 'a calendar') : 'around the clock'

  async function add(form: HTMLFormElement): Promise<string> {
    const data = new FormData(form)
    const kinds = data.getAll('channelKinds')
    const chosen = data.getAll('priorities')
    await api(slaPolicyResponseSchema, 'POST', '/api/sla-policies', {
      name: data.get('name'),
      ...(kinds.length ? { channelKinds: kinds } : {}),
      ...(chosen.length ? { priorities: chosen } : {}),
      ...(data.get('calendarId') ? { calendarId: data.get('calendarId') } : {}),
      targets: Object.fromEntries(targets.flatMap((t) => (data.get(t.key) ? [[t.key, Number(data.get(t.key))]] : []))),
    })
    form.reset()
    await policies.reload()
    return 'Policy made'
  }

  return (
    <>
      <h2>SLA policies</h2>
      <SettingsList
        ordered
        count={policies.items().length}
        loaded={policies.loaded()}
        empty="No policies yet: tickets have no targets."
      >
        <For each={policies.items()}>
          {(p) => (
            <li>
              <strong>{p.name}</strong>{' '}
              <span class="muted">
                {p.channelKinds.join(', ') || 'every channel'} · {p.priorities.join(', ') || 'every priority'} ·{' '}
                {calendarName(p.calendarId)}
              </span>{' '}
              {targets
                .filter((t) => p.targets[t.key] !== undefined)
                .map((t) => `${t.label.replace(' (minutes)', '')} ${p.targets[t.key]} min`)
                .join(', ')}
            </li>
          )}
        </For>
      </SettingsList>
      <SettingsForm label="Make an SLA policy" title="Make an SLA policy" submit="Make policy" onSubmit={add}>
        <label>
          Name <input name="name" required placeholder="WhatsApp within the hour" />
        </label>
        <fieldset>
          <legend>Channels (none ticked: every channel)</legend>
          <For each={channelKinds}>
            {(kind) => (
              <label class="check">
                <input type="checkbox" name="channelKinds" value={kind} />
                {kind}
              </label>
            )}
          </For>
        </fieldset>
        <fieldset>
          <legend>Priorities (none ticked: every priority)</legend>
          <For each={priorities}>
            {(p) => (
              <label class="check">
                <input type="checkbox" name="priorities" value={p} />
                {p}
              </label>
            )}
          </For>
        </fieldset>
        <label>
          Counted in
          <select name="calendarId">
            <option value="">around the clock</option>
            <For each={calendars.items()}>{(c) => <option value={c.id}>business hours of {c.name}</option>}</For>
          </select>
        </label>
        <For each={targets}>
          {(t) => (
            <label>
              {t.label} <input name={t.key} type="number" min="1" class="narrow" />
            </label>
          )}
        </For>
      </SettingsForm>
    </>
  )
}
