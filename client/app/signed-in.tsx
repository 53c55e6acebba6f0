// The app once an agent is signed in: their workspace (the local database opening in its worker, the
// sync, the outbox) and the shell around it. Loaded as its own chunk, after sign-in, so the sign-in page
// carries none of it.
import { onCleanup } from 'solid-js'
import type { Agent } from '../../shared/schema/agent.ts'
import { snapshotKept } from './inbox/inbox-snapshot.ts'
import { readServerInboxFirst } from './inbox/server-inbox.ts'
import type { Session } from './session.ts'
import { Shell } from './shell.tsx'
import { openWorkspace } from './workspace.ts'

export default function SignedIn(props: { agent: Agent; session: Session }) {
  // Made once per agent (the caller keys this component by the agent's id). With no first screen kept
  // (a new device), the inbox's first rows are asked for before the workspace asks for anything.
  performance.mark('signed-in')
  if (!snapshotKept(props.agent.id)) readServerInboxFirst(props.agent.id)
  const ws = openWorkspace(props.agent)
  onCleanup(() => props.session.closing(ws.close()))
  return <Shell ws={ws} session={props.session} />
}
