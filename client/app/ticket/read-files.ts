// Files chosen in the composer, as the reply API takes them (base64, no line breaks).
import type { OutgoingFile } from '../../../shared/schema/reply.ts'

export async function readFiles(list: FileList | null): Promise<OutgoingFile[]> {
  return Promise.all(
    [...(list ?? [])].map(async (file) => {
      const bytes = new Uint8Array(await file.arrayBuffer())
      let binary = ''
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
      return { name: file.name, mimeType: file.type || 'application/octet-stream', base64: btoa(binary) }
    }),
  )
}
