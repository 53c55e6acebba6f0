// Agents for role and visibility tests: created by an admin, each signed in with their own client.
import { randomUUID } from 'node:crypto'
import { ApiClient } from './api-client.ts'

export interface SignedInAgent {
  agent: { id: string; email: string; name: string; role: string }
  client: ApiClient
}

export async function signedInAgent(
  admin: ApiClient,
  role: 'admin' | 'supervisor' | 'agent',
  name: string = role,
): Promise<SignedInAgent> {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.com`
  const password = 'agent-password-1'
  const created = await admin.post('/api/agents', { email, name, role, password })
  if (created.status !== 201) throw new Error(`agent not created: ${created.status} ${JSON.stringify(created.body)}`)
  const client = await new ApiClient(admin.baseUrl).login(email, password)
  return { agent: created.body.agent, client }
}
