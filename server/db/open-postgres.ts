// PostgreSQL through postgres-js, made to ride through the database going away (a restart, a failover, a
// dropped connection): queries of that moment fail (and are answered 503), the process stays up, and
// once the database answers again everything works without a restart.
//
// Why the pool is renewed: postgres-js 3.4.9 can wedge a connection that closes with a write queued, and
// can throw from a timer when it does (porsager/postgres#1208; main.ts keeps the process up). LISTEN is
// re-established by the driver only once, right after the close, and given up if the database is still
// away. So whenever a connection closes or the driver faults, the pool is marked stale; a probe (its own
// connection, every two seconds) replaces a stale pool by a fresh one, and LISTEN with it, as soon as the
// database answers. `db` always reaches the pool of the moment.
import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import type { Logger } from '../log.ts'

const max = 10
const probeEveryMs = 2_000
const probeTimeoutMs = 2_000
/** How long the queries running on a replaced pool may take to finish. */
const drainSeconds = 5

interface Listener {
  channel: string
  onMessage: (payload: string) => void
  onListen: () => void
}

/** What create-db.ts makes its Database of (this file does not import its types: no import circle). */
export async function openPostgres(url: string, migrationsFolder: string, log?: Logger) {
  const listeners: Listener[] = []
  let stale = false
  let reachable = true
  const connect = () => {
    const client = postgres(url, {
      max,
      connect_timeout: 5,
      onnotice: () => {},
      // A connection of the pool in use closed (not one of a pool being replaced).
      onclose: () => {
        if (pool.client === client) stale = true
      },
      connection: { application_name: 'helpdesk' },
    })
    return { client, db: drizzle({ client }) }
  }
  let pool: ReturnType<typeof connect> = connect()
  await migrate(pool.db, { migrationsFolder })

  function listen(listener: Listener): Promise<void> {
    return pool.client.listen(listener.channel, listener.onMessage, listener.onListen).then(() => {})
  }

  function renew(): void {
    const old = pool
    pool = connect()
    stale = false
    for (const listener of listeners) {
      listen(listener).catch((error: unknown) => {
        stale = true
        log?.warn('could not listen again; retrying', { channel: listener.channel, error })
      })
    }
    old.client.end({ timeout: drainSeconds }).catch(() => {})
  }

  let probeClient: postgres.Sql | null = null
  let probing = false
  async function probe(): Promise<void> {
    if (probing) return
    probing = true
    // No array types fetched: `select 1` needs none, and a probe connection ended while it fetched them
    // rejects that fetch where nobody awaits it (an unhandled rejection in postgres-js 3.4).
    probeClient ??= postgres(url, {
      max: 1,
      connect_timeout: probeTimeoutMs / 1000,
      fetch_types: false,
      onnotice: () => {},
    })
    const client = probeClient
    try {
      await withTimeout(client`select 1`, probeTimeoutMs)
      if (!reachable) log?.info('the database answers again')
      reachable = true
      if (stale) {
        renew()
        log?.info('database connections renewed')
      }
    } catch (error) {
      if (reachable) log?.warn('the database does not answer', { error })
      reachable = false
      stale = true
      // A fresh probe connection next time: this one may be wedged as well.
      probeClient = null
      client.end({ timeout: 0 }).catch(() => {})
    } finally {
      probing = false
    }
  }
  const probeTimer = setInterval(() => void probe(), probeEveryMs)
  probeTimer.unref()

  // Every query goes to the pool of the moment (methods are bound to it, so `this` is the real database).
  const db = new Proxy(pool.db, {
    get(_, property) {
      const value = Reflect.get(pool.db, property)
      return typeof value === 'function' ? value.bind(pool.db) : value
    },
  })

  return {
    db,
    concurrency: max,
    notifications: {
      async listen(channel: string, onMessage: (payload: string) => void, onListen: () => void) {
        const listener = { channel, onMessage, onListen }
        listeners.push(listener)
        await listen(listener)
      },
      async notify(channel: string, payload: string) {
        await pool.client.notify(channel, payload)
      },
    },
    async ping() {
      await withTimeout(pool.db.execute(sql`select 1`), probeTimeoutMs)
    },
    renewConnections() {
      stale = true
      void probe()
    },
    async close() {
      clearInterval(probeTimer)
      await Promise.all([pool.client.end({ timeout: 5 }), probeClient?.end({ timeout: 0 })])
    },
  }
}

function withTimeout<T>(work: PromiseLike<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error('The database did not answer in time'), { code: 'CONNECT_TIMEOUT' })),
      ms,
    )
  })
  return Promise.race([Promise.resolve(work), timeout]).finally(() => clearTimeout(timer))
}
