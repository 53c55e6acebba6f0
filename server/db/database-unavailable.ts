// Whether an error means the database cannot be reached right now (stopped, restarting, failing over, a
// dropped connection) rather than that a query is wrong: such a request is answered 503, to be sent again.
const unreachable = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // postgres-js
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  // PostgreSQL: shutting down, crashed, starting up or in recovery, too many connections
  '57P01',
  '57P02',
  '57P03',
  '53300',
])

export function isDatabaseUnavailable(error: unknown): boolean {
  // Drizzle wraps the driver's error as `cause`.
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code
    // SQLSTATE class 08: connection exceptions.
    if (typeof code === 'string' && (unreachable.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true
  }
  return false
}

/** The driver fault that postgres-js 3.4.9 throws from a timer when a connection closed with a write queued. */
export function isDriverWriteFault(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    /reading 'write'/.test(error.message) &&
    /postgres[\\/]src[\\/]connection\.js/.test(error.stack ?? '')
  )
}
