// The form every settings section uses: a titled card whose submit runs an API call and shows, below the
// button, what happened (the done message, or the server's refusal field by field).
import { createSignal, type JSX, Show } from 'solid-js'
import { errorText } from './error-text.ts'

export function SettingsForm(props: {
  label: string
  title?: string
  submit: string
  primary?: boolean
  /** Does the change; resolves with what to tell the admin. */
  onSubmit(form: HTMLFormElement): Promise<string>
  children: JSX.Element
}) {
  const [status, setStatus] = createSignal('')
  return (
    <form
      class="settings-form"
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault()
        const form = e.currentTarget
        props.onSubmit(form).then(setStatus, (error: unknown) => setStatus(errorText(error)))
      }}
    >
      {props.title ? <h3>{props.title}</h3> : null}
      {props.children}
      <button class={props.primary === false ? undefined : 'primary'} type="submit">
        {props.submit}
      </button>
      <Show when={status()}>
        <p role="status">{status()}</p>
      </Show>
    </form>
  )
}
