// Canonical identity values, so the same person always matches: emails lower-case, phones in E.164.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import type { Identity } from '../../shared/schema/contact.ts'

/** E.164 for a number given in international form (a leading + or a WhatsApp wa_id), else null. */
export function toE164(raw: string): string | null {
  const trimmed = raw.trim()
  const international = /^\+/.test(trimmed) ? trimmed : /^[0-9]{8,15}$/.test(trimmed) ? `+${trimmed}` : trimmed
  const parsed = parsePhoneNumberFromString(international)
  return parsed?.isValid() ? parsed.number : null
}

/** Canonical identities; invalid phone numbers and empty values are dropped, duplicates removed. */
export function normaliseIdentities(identities: readonly Identity[]): Identity[] {
  const seen = new Set<string>()
  const out: Identity[] = []
  for (const identity of identities) {
    const value = canonicalValue(identity)
    if (!value) continue
    const key = `${identity.kind}:${value}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ kind: identity.kind, value })
  }
  return out
}

function canonicalValue({ kind, value }: Identity): string | null {
  const trimmed = value.trim()
  if (!trimmed) return null
  if (kind === 'email') return trimmed.toLowerCase()
  if (kind === 'phone') return toE164(trimmed)
  if (kind === 'whatsapp') return trimmed.replace(/^\+/, '')
  return trimmed
}
