// Which client a request comes from, for per-client limits. The connection's address, unless the server
// sits behind proxies it was told of (TRUST_PROXY_HOPS): then the address the nearest of them saw, read
// from the right of X-Forwarded-For (entries further left are whatever the client wrote). An IPv6 client
// is its /64: one subscriber holds a whole /64 and could change address at every request.

export function clientAddress(remote: string | undefined, forwardedFor: string | undefined, trustedHops: number): string {
  let address = remote ?? ''
  if (trustedHops > 0 && forwardedFor) {
    const hops = forwardedFor
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
    address = hops[Math.max(0, hops.length - trustedHops)] ?? address
  }
  return normaliseAddress(address)
}

function normaliseAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return mapped[1]!
  if (!address.includes(':')) return address || 'unknown'
  const groups = expandIpv6(address.replace(/%.*$/, '').replace(/^\[|\]$/g, ''))
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : 'unknown'
}

/** The eight groups of an IPv6 address, or null when it is not one. */
function expandIpv6(address: string): string[] | null {
  const halves = address.toLowerCase().split('::')
  if (halves.length > 2) return null
  const head = halves[0] ? halves[0].split(':') : []
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : []
  const missing = 8 - head.length - tail.length
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail]
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null
  return groups.map((g) => g.replace(/^0+(?=.)/, ''))
}
