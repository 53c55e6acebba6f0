// Limits password guessing without letting anyone lock an agent out. Failed sign-ins are counted in the
// database (every server process shares them) in 15-minute windows, three ways:
//   - per client, across accounts: one client spraying one password over many accounts is stopped;
//   - per account from one client: guessing one account from one client is stopped, and only that pair;
//   - per account from every client, a high ceiling: a guessing storm from many clients. Past it only
//     clients that signed in to the account before (in the last 90 days) may still try, so the owner at
//     their usual desk is never locked out by someone else's guesses.
// A refusal says when to come back (Retry-After). A success forgets its pair's failures, never the
// client's: signing in to one's own account must not reset a spray.
import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '../db/create-db.ts'
import { signInFailures, signInKnownClients } from '../db/schema/sign-in-throttle.ts'

export const signInLimitsSchema = z
  .object({
    /** Failures from one client, whatever the accounts. */
    perClient: z.number().int().min(1).default(20),
    /** Failures on one account from one client. */
    perAccountFromClient: z.number().int().min(1).default(5),
    /** Failures on one account from every client, past which only its known clients may try. */
    perAccount: z.number().int().min(1).default(50),
  })
  .strict()
export type SignInLimits = z.infer<typeof signInLimitsSchema>

export const signInWindowSeconds = 15 * 60
const knownClientDays = 90

export interface LoginThrottle {
  /** Seconds until this client may try this account again; 0 when it may now. */
  retryAfter(email: string, client: string): Promise<number>
  failed(email: string, client: string): Promise<void>
  succeeded(email: string, client: string): Promise<void>
}

const window = sql.raw(`interval '${signInWindowSeconds} seconds'`)
const knownFor = sql.raw(`interval '${knownClientDays} days'`)

function keys(email: string, client: string) {
  return { client: `client:${client}`, account: `account:${email}`, pair: `pair:${email} ${client}` }
}

export function createLoginThrottle(db: Db, limits: SignInLimits = signInLimitsSchema.parse({})): LoginThrottle {
  async function isKnown(email: string, client: string): Promise<boolean> {
    const [row] = await db
      .select({ client: signInKnownClients.client })
      .from(signInKnownClients)
      .where(
        and(
          eq(signInKnownClients.email, email),
          eq(signInKnownClients.client, client),
          gt(signInKnownClients.lastSignedInAt, sql`now() - ${knownFor}`),
        ),
      )
    return !!row
  }

  /** Now and then, not on every request: windows long over and clients not seen for months. */
  async function prune(): Promise<void> {
    if (Math.random() > 0.01) return
    await db.delete(signInFailures).where(lt(signInFailures.windowStartedAt, sql`now() - ${window}`))
    await db.delete(signInKnownClients).where(lt(signInKnownClients.lastSignedInAt, sql`now() - ${knownFor}`))
  }

  return {
    async retryAfter(email, client) {
      const k = keys(email, client)
      const rows = await db
        .select({
          key: signInFailures.key,
          failures: signInFailures.failures,
          seconds: sql<number>`ceil(extract(epoch from ${signInFailures.windowStartedAt} + ${window} - now()))::int`,
        })
        .from(signInFailures)
        .where(and(inArray(signInFailures.key, Object.values(k)), gt(signInFailures.windowStartedAt, sql`now() - ${window}`)))
      const over = (key: string, limit: number) => rows.find((r) => r.key === key && r.failures >= limit)
      const blocking = [over(k.client, limits.perClient), over(k.pair, limits.perAccountFromClient)]
      const storm = over(k.account, limits.perAccount)
      if (storm && !(await isKnown(email, client))) blocking.push(storm)
      const seconds = blocking.filter((row) => row !== undefined).map((row) => Math.max(1, Number(row.seconds)))
      return seconds.length ? Math.max(...seconds) : 0
    },
    async failed(email, client) {
      const stale = sql`${signInFailures.windowStartedAt} <= now() - ${window}`
      await db
        .insert(signInFailures)
        .values(Object.values(keys(email, client)).map((key) => ({ key, windowStartedAt: sql`now()`, failures: 1 })))
        .onConflictDoUpdate({
          target: signInFailures.key,
          set: {
            failures: sql`case when ${stale} then 1 else ${signInFailures.failures} + 1 end`,
            windowStartedAt: sql`case when ${stale} then now() else ${signInFailures.windowStartedAt} end`,
          },
        })
      await prune()
    },
    async succeeded(email, client) {
      await db.delete(signInFailures).where(eq(signInFailures.key, keys(email, client).pair))
      await db
        .insert(signInKnownClients)
        .values({ email, client, lastSignedInAt: sql`now()` })
        .onConflictDoUpdate({
          target: [signInKnownClients.email, signInKnownClients.client],
          set: { lastSignedInAt: sql`now()` },
        })
      await prune()
    },
  }
}
