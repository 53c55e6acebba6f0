// Who is signed in. The agent is remembered in localStorage so a reload, even offline, opens the app at
// once; the server's answer to GET /api/me confirms it (or signs out when the session has ended).
// Signing out first takes the signed-in screens down (their workspace closes its database), then deletes
// what the agent left in the browser; a sign-in that follows in the same tab waits for both, so the next
// agent's database never opens beside, or over, the one being removed.
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
  /** Ends the session, closes the agent's workspace and deletes the local database. */
  signOut(): Promise<void>
  /** The signed-in part tells that its workspace is closing (sign-out waits for it before deleting). */
  closing(done: Promise<void>): void
}

export function createSession(): Session {
  const stored = agentSchema.safeParse(JSON.parse(localStorage.getItem(storageKey) ?? 'null'))
  const [agent, setAgent] = createSignal<Agent | null>(stored.success ? stored.data : null)
  const closing = new Set<Promise<void>>()
  let leaving: Promise<void> = Promise.resolve()

  function remember(value: Agent | null): void {
    if (value) localStorage.setItem(storageKey, JSON.stringify(value))
    else localStorage.removeItem(storageKey)
    setAgent(value)
  }
  function forget(): Promise<void> {
    const current = agent()
    // The signed-in screens go at once; their workspace reports its closing through `closing`.
    remember(null)
    leaving = (async () => {
      await new Promise((resolve) => setTimeout(resolve))
      await Promise.all(closing)
      if (current) await deleteDeviceData(current.id)
    })().catch((error) => console.warn('device data not removed', error))
    return leaving
  }

  return {
    agent,
    async signIn(email, password) {
      const answer = await api(agentResponseSchema, 'POST', '/api/auth/login', {
        email,
        password,
        availability: 'online',
      })
      await leaving
      remember(answer.agent)
    },
    async confirm() {
      // Nobody remembered: nothing to confirm (a request would only be refused).
      if (!agent()) return
      try {
        remember((await api(agentResponseSchema, 'GET', '/api/me')).agent)
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) await forget()
      }
    },
    async signOut() {
      // The signed-in screens go first: once the server has ended the session, a read of theirs (the bell
      // re-reading after a change) would only be refused.
      const gone = forget()
      await api(z.object({ ok: z.boolean() }), 'POST', '/api/auth/logout').catch(() => undefined)
      await gone
    },
    closing(done) {
      const settled = done.catch(() => undefined)
      closing.add(settled)
      void settled.then(() => closing.delete(settled))
    },
  }
}
