// Mailbox addresses as channels are matched: case-insensitive, with a plus-address suffix
// (support+123@acme.example) belonging to its base address (support@acme.example).

/** The address lower-cased, or null when it is no `local@domain` address. */
export function canonicalAddress(address: string): string | null {
  const trimmed = address.trim().toLowerCase()
  return /^[^\s@<>]+@[^\s@<>]+$/.test(trimmed) ? trimmed : null
}

/** The address without its plus suffix: support+123@acme.example → support@acme.example. */
export function baseAddress(address: string): string {
  const at = address.lastIndexOf('@')
  const local = address.slice(0, at)
  const plus = local.indexOf('+')
  return plus > 0 ? `${local.slice(0, plus)}${address.slice(at)}` : address
}

/** The plus suffix of an address (`123` of support+123@acme.example), or null. */
export function plusSuffix(address: string): string | null {
  const local = address.slice(0, address.lastIndexOf('@'))
  const plus = local.indexOf('+')
  return plus > 0 ? local.slice(plus + 1) : null
}
