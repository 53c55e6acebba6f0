// Who is signed in. The agent is remembered in localStorage so a reload, even offline, opens the app at
// once; the server's answer to GET /api/me confirms it (or signs out when the session has ended).
import { type Accessor, createSignal } from 'solid-js'
import { z } from 'zod'
import { type Agent, agentResponseSchema, agentSchema } from '../../shared/schema/agent.ts'
import { ApiError, api } from './net/http.ts'
import { deleteDeviceData } from './offline/device-data.ts'

const storageKey = 'helpdesk.agent'

export interface Session {
  agent: Accessor<Agent | null>
  signIn(email: string, password: string): Promise<void>
  /** Checks the remembered session with the server; unreachable leaves it as it is. */
  confirm(): Promise<void>
  /** Ends the session and deletes the local database (after `closeLocal` has closed it). */
  signOut(closeLocal: () => Promise<void>): Promise<void>
}

export function createSession(): Session {
  const stored = agentSchema.safeParse(JSON.parse(localStorage.getItem(storageKey) ?? 'null'))
  const [agent, setAgent] = createSignal<Agent | null>(stored.success ? stored.data : null)

  function remember(value: Agent | null): void {
    if (value) localStorage.setItem(storageKey, JSON.stringify(value))
    else localStorage.removeItem(storageKey)
    setAgent(value)
  }
  async function forget(): Promise<void> {
    const current = agent()
    remember(null)
    if (current) await deleteDeviceData(current.id)
  }

  return {
    agent,
    async signIn(email, password) {
      remember((await api(agentResponseSchema, 'POST', '/api/auth/login', { email, password })).agent)
    },
    async confirm() {
      try {
        remember((await api(agentResponseSchema, 'GET', '/api/me')).agent)
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) await forget()
      }
    },
    async signOut(closeLocal) {
      await api(z.object({ ok: z.boolean() }), 'POST', '/api/auth/logout').catch(() => undefined)
      await closeLocal()
      await forget()
    },
  }
}
