// Ids shaped like the ones Meta hands out, so a helpdesk that stores or pattern-checks them sees the real
// forms: Messenger `m_…` mids, Instagram `aWdf…` mids, WhatsApp `wamid.…`, numeric Graph object ids.
import { randomBytes, randomInt } from 'node:crypto'

/** A Messenger message id (`m_` and base64url), as in the Send API answer and webhooks. */
export function messengerMid(): string {
  return 'm_' + randomBytes(30).toString('base64url')
}

/** An Instagram message id: base64 of `ig_dm_…`, which is why real ones start with `aWdfZG1f`. */
export function instagramMid(): string {
  return Buffer.from('ig_dm_' + randomBytes(24).toString('hex')).toString('base64url')
}

/** A WhatsApp message id (`wamid.` and base64), up to 128 characters in the wild; ours are ~60. */
export function wamid(): string {
  return 'wamid.HBgL' + randomBytes(36).toString('base64')
}

/** A numeric Graph object id (comments, media, replies): 17 digits starting with `prefix`. */
export function graphObjectId(prefix = '178'): string {
  let id = prefix
  while (id.length < 17) id += String(randomInt(10))
  return id
}

/** The `fbtrace_id` Meta puts in every error envelope. */
export function fbtraceId(): string {
  return randomBytes(16).toString('base64url').slice(0, 23)
}
