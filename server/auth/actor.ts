// Who is asking: the signed-in agent (or API token) behind a request or socket, and the Hono env that carries it.
import type { Role } from '../../shared/schema/agent.ts'

export interface Actor {
  agentId: string
  workspaceId: string
  role: Role
  name: string
  email: string
  via: 'session' | 'token'
}

export interface AppEnv {
  Variables: { actor: Actor }
}
