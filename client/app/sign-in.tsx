// The sign-in form.
import { createSignal } from 'solid-js'
import type { Session } from './session.ts'

export function SignIn(props: { session: Session }) {
  const [problem, setProblem] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  async function submit(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = new FormData(event.currentTarget as HTMLFormElement)
    setBusy(true)
    setProblem('')
    try {
      await props.session.signIn(String(form.get('email')), String(form.get('password')))
    } catch (error) {
      setProblem((error as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <main class="sign-in">
      <h1>Helpdesk</h1>
      <p>Every customer conversation, on every channel, in one shared inbox.</p>
      <form onSubmit={submit}>
        <label>
          Email
          <input name="email" type="email" autocomplete="username" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        <button type="submit" class="primary" disabled={busy()}>
          Sign in
        </button>
        <p role="alert" class="error">
          {problem()}
        </p>
      </form>
    </main>
  )
}
