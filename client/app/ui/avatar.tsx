// An agent's initials in their colour; `typing` adds a pulsing ring.
import { agentColor, initials } from './agent-color.ts'

export function Avatar(props: { id: string; name: string; typing?: boolean }) {
  return (
    <span
      class="avatar"
      classList={{ typing: Boolean(props.typing) }}
      style={{ background: agentColor(props.id) }}
      role="img"
      aria-label={props.typing ? `${props.name} (typing)` : props.name}
      title={props.name}
    >
      {initials(props.name)}
    </span>
  )
}
