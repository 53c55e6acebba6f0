// What limits password guessing (server/auth/login-throttle.ts), kept in the database so every server
// process on it counts the same attempts.
import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { time } from './columns.ts'

/**
 * Failed sign-ins counted in a fixed window per key: `client:<address>` (one client, any account),
 * `account:<email>` (one account, any client), `pair:<email> <address>` (one account from one client).
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    key: text('key').primaryKey(),
    windowStartedAt: time('window_started_at').notNull(),
    failures: integer('failures').notNull(),
  },
  (t) => [index('sign_in_failures_window_idx').on(t.windowStartedAt)],
)

/** Clients that signed in to an account before: a guessing storm on the account does not slow them. */
export const signInKnownClients = pgTable(
  'sign_in_known_clients',
  {
    email: text('email').notNull(),
    client: text('client').notNull(),
    lastSignedInAt: time('last_signed_in_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.email, t.client] }), index('sign_in_known_clients_last_idx').on(t.lastSignedInAt)],
)
