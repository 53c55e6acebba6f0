// Business hours: calendars with a time zone, opening hours per weekday and holidays. Channels (their
// away message), SLA policies and agents' shifts name one.
import { createSignal, For, Index, Show } from 'solid-js'
import { calendarListSchema, calendarResponseSchema } from '../../../shared/schema/calendar.ts'
import { api } from '../net/http.ts'
import { SettingsForm } from './settings-form.tsx'
import { SettingsList } from './settings-list.tsx'
import { useList } from './use-list.ts'

const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
const zones = Intl.supportedValuesOf('timeZone')

export function CalendarsSettings() {
  const calendars = useList(calendarListSchema, '/api/calendars')
  const [week, setWeek] = createSignal(days.map((_, i) => ({ open: i < 5, from: '09:00', to: '17:00' })))

  async function add(form: HTMLFormElement): Promise<string> {
    const data = new FormData(form)
    await api(calendarResponseSchema, 'POST', '/api/calendars', {
      name: data.get('name'),
      timeZone: data.get('timeZone'),
      weekly: week().flatMap((d, i) => (d.open ? [{ day: i + 1, open: d.from, close: d.to }] : [])),
      holidays: String(data.get('holidays') ?? '')
        .split(/[\s,]+/)
        .filter(Boolean),
    })
    form.reset()
    await calendars.reload()
    return 'Calendar made'
  }
  const change = (i: number, patch: Partial<{ open: boolean; from: string; to: string }>) =>
    setWeek(week().map((d, j) => (j === i ? { ...d, ...patch } : d)))

  return (
    <>
      <h2>Business hours</h2>
      <SettingsList
        count={calendars.items().length}
        loaded={calendars.loaded()}
        empty="No calendars yet: everything runs around the clock."
      >
        <For each={calendars.items()}>
          {(c) => (
            <li>
              <strong>{c.name}</strong> <span class="muted">{c.timeZone}</span>{' '}
              {c.weekly.map((h) => `${days[h.day - 1]!.slice(0, 3)} ${h.open}–${h.close}`).join(', ') || 'never open'}
              <Show when={c.holidays.length}>
                <span class="muted"> · holidays {c.holidays.join(', ')}</span>
              </Show>
            </li>
          )}
        </For>
      </SettingsList>
      <SettingsForm label="Make a calendar" title="Make a calendar" submit="Make calendar" onSubmit={add}>
        <label>
          Name <input name="name" required placeholder="Tokyo office" />
        </label>
        <label>
          Time zone
          <input name="timeZone" list="time-zones" required value={Intl.DateTimeFormat().resolvedOptions().timeZone} />
          <datalist id="time-zones">
            <For each={zones}>{(zone) => <option value={zone} />}</For>
          </datalist>
        </label>
        <fieldset>
          <legend>Opening hours</legend>
          <Index each={week()}>
            {(day, i) => (
              <div class="hours-row">
                <label class="check">
                  <input type="checkbox" checked={day().open} onChange={(e) => change(i, { open: e.currentTarget.checked })} />
                  {days[i]}
                </label>
                <input
                  type="time"
                  aria-label={`${days[i]} opens`}
                  value={day().from}
                  disabled={!day().open}
                  onInput={(e) => change(i, { from: e.currentTarget.value })}
                />
                <input
                  type="time"
                  aria-label={`${days[i]} closes`}
                  value={day().to}
                  disabled={!day().open}
                  onInput={(e) => change(i, { to: e.currentTarget.value })}
                />
              </div>
            )}
          </Index>
        </fieldset>
        <label>
          Holidays <textarea name="holidays" rows="2" placeholder="2026-12-24 2026-12-25" />
        </label>
      </SettingsForm>
    </>
  )
}
