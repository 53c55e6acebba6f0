// First start: the workspace, and the first admin (from ADMIN_EMAIL/ADMIN_PASSWORD, else generated and
// its password printed once). Nothing happens when the database already has them.
import { randomBytes } from 'node:crypto'
import { asc } from 'drizzle-orm'
import { createAgent } from './agents/agent-directory.ts'
import type { Db } from './db/create-db.ts'
import { newId } from './db/new-id.ts'
import { agents } from './db/schema/agents.ts'
import { workspaces } from './db/schema/workspaces.ts'

export interface FirstAdmin {
  email: string
  /** Set only when it was generated now: shown once, never stored in clear. */
  generatedPassword: string | null
}

export async function ensureWorkspace(db: Db): Promise<string> {
  const [existing] = await db.select({ id: workspaces.id }).from(workspaces).orderBy(asc(workspaces.createdAt)).limit(1)
  if (existing) return existing.id
  const id = newId()
  await db.insert(workspaces).values({ id, name: 'Support' })
  return id
}

export async function ensureFirstAdmin(
  db: Db,
  workspaceId: string,
  env: { email?: string | undefined; password?: string | undefined },
  now: Date,
): Promise<FirstAdmin | null> {
  const [anyAgent] = await db.select({ id: agents.id }).from(agents).limit(1)
  if (anyAgent) return null
  const email = (env.email ?? 'admin@example.com').trim().toLowerCase()
  const generatedPassword = env.password ? null : randomBytes(12).toString('base64url')
  await createAgent(
    db,
    workspaceId,
    { email, name: 'Admin', role: 'admin', password: env.password ?? generatedPassword! },
    null,
    now,
  )
  return { email, generatedPassword }
}
