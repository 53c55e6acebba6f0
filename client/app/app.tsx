// The app's root: signed out, the sign-in form; signed in, the workspace opened from the local database
// (before the network answers), then the shell.
import { createMemo, createResource, Match, Show, Switch } from 'solid-js'
import type { Session } from './session.ts'
import { Shell } from './shell.tsx'
import { SignIn } from './sign-in.tsx'
import { openWorkspace } from './workspace.ts'

export function App(props: { session: Session }) {
  // The same agent confirmed by the server is a new object: the workspace (and its database) stays.
  const signedIn = createMemo(() => props.session.agent(), null, { equals: (a, b) => a?.id === b?.id })
  const [workspace] = createResource(signedIn, openWorkspace)
  return (
    <Show when={props.session.agent()} fallback={<SignIn session={props.session} />}>
      <Switch fallback={<p class="muted pad">Opening the local database…</p>}>
        <Match when={workspace.error}>
          <p class="error pad" role="alert">
            The local database could not be opened: {String(workspace.error)}
          </p>
        </Match>
        <Match when={workspace()}>{(ws) => <Shell ws={ws()} session={props.session} />}</Match>
      </Switch>
    </Show>
  )
}
