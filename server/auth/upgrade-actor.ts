// Who opens a collaboration socket: an API token in `?token=`, or the signed session cookie.
import type { IncomingMessage } from 'node:http'
import { parseSigned } from 'hono/utils/cookie'
import type { Db } from '../db/create-db.ts'
import type { Actor } from './actor.ts'
import { actorForSession, actorForToken, sessionCookie } from './sessions.ts'

export async function actorForUpgrade(req: IncomingMessage, db: Db, secretKey: string): Promise<Actor | null> {
  const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token')
  if (token) return actorForToken(db, token)
  const cookie = req.headers.cookie
  if (!cookie) return null
  const session = (await parseSigned(cookie, secretKey, sessionCookie))[sessionCookie]
  return session ? actorForSession(db, session) : null
}
