// Who is asking: set by the auth middleware on every /api route, read by the handlers.
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
