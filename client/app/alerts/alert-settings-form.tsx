// The bell's "Notification settings": desktop notifications and a sound on this device, both off until
// the agent turns them on. Desktop notifications need the browser's permission, asked when the box is
// ticked; refused, the box stays off and the agent is told why.
import { createSignal, Show } from 'solid-js'
import type { StoredAlertSettings } from './alert-settings.ts'
import type { Chime } from './chime.ts'

export function AlertSettingsForm(props: { alerts: StoredAlertSettings; chime: Chime }) {
  const [problem, setProblem] = createSignal('')
  async function setDesktop(box: HTMLInputElement): Promise<void> {
    setProblem('')
    if (!box.checked) return props.alerts.change({ desktop: false })
    const refused = (why: string) => {
      box.checked = false
      setProblem(why)
    }
    if (typeof Notification === 'undefined') return refused('This browser cannot show desktop notifications.')
    const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission()
    if (permission !== 'granted') {
      return refused(
        'The browser does not allow notifications from this site, so desktop notifications stay off. Allow them in the site settings, then tick the box again.',
      )
    }
    props.alerts.change({ desktop: true })
  }
  function setSound(on: boolean): void {
    props.alerts.change({ sound: on })
    // The click that turns the sound on lets the page play it, and lets the agent hear what it is.
    if (on) props.chime.play()
  }
  return (
    <fieldset class="alert-settings">
      <legend>Notification settings (this device)</legend>
      <label>
        <input
          type="checkbox"
          checked={props.alerts.settings().desktop}
          onChange={(event) => void setDesktop(event.currentTarget)}
        />
        Desktop notifications
      </label>
      <label>
        <input
          type="checkbox"
          checked={props.alerts.settings().sound}
          onChange={(event) => setSound(event.currentTarget.checked)}
        />
        Sound
      </label>
      <p class="muted">For new chats, mentions and tickets assigned to you.</p>
      <Show when={problem()}>
        <p role="alert">{problem()}</p>
      </Show>
    </fieldset>
  )
}
