// The client a request comes from (server/security/client-address.ts), read off the connection; a request
// handed to the app without one (app.request() in tests) is "unknown".
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import { clientAddress } from '../security/client-address.ts'

export function requestClient(c: Context, trustedProxyHops: number): string {
  let remote: string | undefined
  try {
    remote = getConnInfo(c).remote.address
  } catch {
    remote = undefined
  }
  return clientAddress(remote, c.req.header('x-forwarded-for'), trustedProxyHops)
}
