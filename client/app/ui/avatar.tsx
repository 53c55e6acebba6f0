// An agent's initials in their colour; `typing` adds a pulsing ring. Its accessible name is the agent's
// name, exactly (tests and screen readers find people by it); typing is its description.
import { agentColor, initials } from './agent-color.ts'

export function Avatar(props: { id: string; name: string; typing?: boolean }) {
  return (
    <span
      class="avatar"
      classList={{ typing: Boolean(props.typing) }}
      style={{ background: agentColor(props.id) }}
      role="img"
      aria-label={props.name}
      aria-description={props.typing ? 'typing' : undefined}
      title={props.name}
    >
      {initials(props.name)}
    </span>
  )
}
