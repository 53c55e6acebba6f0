// A mail's attachments as the message carries them: each file's bytes in `files` (stored with the
// message by ingest), and an attachment entry pointing at it as `upload:<index>`.
import type { Attachment as MailAttachment } from 'mailparser'
import type { Attachment } from '../../../shared/schema/message.ts'
import type { InboundMessage } from '../../inbound/inbound-message.ts'

export interface EmailFiles {
  files: InboundMessage['files']
  attachments: Attachment[]
}

export function emailFiles(parts: readonly MailAttachment[]): EmailFiles {
  const files: InboundMessage['files'] = []
  const attachments: Attachment[] = []
  for (const part of parts) {
    const mimeType = part.contentType.toLowerCase()
    const name = part.filename?.trim() || null
    attachments.push({ type: kindOf(mimeType), url: `upload:${files.length}`, name, mimeType, size: part.size })
    files.push({ name, mimeType, base64: part.content.toString('base64'), contentId: part.cid ?? null })
  }
  return { files, attachments }
}

function kindOf(mimeType: string): 'image' | 'video' | 'audio' | 'file' {
  const top = mimeType.split('/')[0]
  return top === 'image' || top === 'video' || top === 'audio' ? top : 'file'
}
