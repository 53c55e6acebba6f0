// WhatsApp's two-step media download: `GET /{v}/{media-id}` describes the media with
// a short-lived `url`, and a GET of that url with a Bearer token returns the bytes. In the fake the url
// points back at itself, `/whatsapp_business/attachments/?mid=…&ext=…&hash=…`, like Meta's lookaside host.
import { createHash, randomBytes } from 'node:crypto'
import { errorAnswer } from './graph-errors.ts'
import type { GraphAnswer } from './graph-request.ts'

export const mediaDownloadPath = '/whatsapp_business/attachments/'

interface Media {
  bytes: Uint8Array<ArrayBuffer>
  mimeType: string
  sha256: string
}

export interface MediaStore {
  add(id: string, bytes: Uint8Array, mimeType: string): void
  /** The media object for `GET /{v}/{id}`, with a fresh url valid for the store's time to live. */
  describe(id: string, baseUrl: string, now: number): GraphAnswer
  /** The bytes behind a url `describe` gave out, or null when unknown or expired. */
  download(query: Record<string, string>, now: number): { bytes: Uint8Array<ArrayBuffer>; mimeType: string } | null
}

/** Meta's urls live 5 minutes; tests may shorten that. */
export function createMediaStore(urlTtlMs = 5 * 60_000): MediaStore {
  const media = new Map<string, Media>()
  const urls = new Map<string, { id: string; expiresAt: number }>()
  return {
    add(id, bytes, mimeType) {
      // A copy: the caller's buffer may change, and a plain ArrayBuffer is what a Response takes.
      const copy = new Uint8Array(bytes)
      media.set(id, { bytes: copy, mimeType, sha256: createHash('sha256').update(copy).digest('hex') })
    },
    describe(id, baseUrl, now) {
      const item = media.get(id)
      if (!item) return errorAnswer(unsupportedGet(id))
      const hash = randomBytes(16).toString('hex')
      urls.set(hash, { id, expiresAt: now + urlTtlMs })
      const ext = item.mimeType.split('/')[1]?.split(';')[0] ?? 'bin'
      const url = `${baseUrl}${mediaDownloadPath}?mid=${encodeURIComponent(id)}&ext=${ext}&hash=${hash}`
      const body = {
        messaging_product: 'whatsapp',
        url,
        mime_type: item.mimeType,
        sha256: item.sha256,
        file_size: String(item.bytes.byteLength),
        id,
      }
      return { status: 200, body }
    },
    download(query, now) {
      const issued = urls.get(query.hash ?? '')
      if (!issued || issued.id !== query.mid || issued.expiresAt <= now) return null
      const item = media.get(issued.id)
      return item ? { bytes: item.bytes, mimeType: item.mimeType } : null
    },
  }
}

export function unsupportedGet(id: string) {
  return {
    status: 400,
    error: {
      message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
    },
  }
}
