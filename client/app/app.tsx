// The app's root: signed out, the sign-in form; signed in, the shell at once (its screens read from the
// server until the local database has opened in its worker, then from it). The signed-in part is its own
// chunk, fetched while the sign-in form is filled in.
import { createMemo, createResource, onMount, Show } from 'solid-js'
import { Dynamic } from 'solid-js/web'
import type { Session } from './session.ts'
import { SignIn } from './sign-in.tsx'

const loadSignedIn = () => import('./signed-in.tsx')

export function App(props: { session: Session }) {
  // The same agent confirmed by the server is a new object: the workspace (and its database) stays.
  const signedIn = createMemo(() => props.session.agent(), null, { equals: (a, b) => a?.id === b?.id })
  // A resource read outside any Suspense boundary: the screens' own reads never blank the app.
  const [signedInPart] = createResource(signedIn, loadSignedIn)
  onMount(() => void loadSignedIn())
  return (
    <Show when={signedIn()} keyed fallback={<SignIn session={props.session} />}>
      {(agent) => (
        <Show when={signedInPart()} fallback={<p class="muted pad">Loading…</p>}>
          {(part) => <Dynamic component={part().default} agent={agent} session={props.session} />}
        </Show>
      )}
    </Show>
  )
}
