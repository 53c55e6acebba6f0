// A mail's attachments as the message carries them: each file's bytes in `files` (stored with the
// message by ingest), and an attachment entry pointing at it as `upload:<index>`. HTML too big or too
// deep to show inline comes last, as message.html.
import type { Attachment as MailAttachment } from 'mailparser'
import type { Attachment } from '../../../shared/schema/message.ts'
import type { InboundMessage } from '../inbound-message.ts'

export interface EmailFiles {
  files: InboundMessage['files']
  attachments: Attachment[]
}

export function emailFiles(parts: readonly MailAttachment[], originalHtml: string | null): EmailFiles {
  const files: InboundMessage['files'] = []
  const attachments: Attachment[] = []
  const add = (name: string | null, mimeType: string, content: Buffer, contentId: string | null) => {
    attachments.push({ type: kindOf(mimeType), url: `upload:${files.length}`, name, mimeType, size: content.length })
    files.push({ name, mimeType, base64: content.toString('base64'), contentId })
  }
  for (const part of parts) add(part.filename?.trim() || null, part.contentType.toLowerCase(), part.content, part.cid ?? null)
  if (originalHtml !== null) add('message.html', 'text/html', Buffer.from(originalHtml, 'utf8'), null)
  return { files, attachments }
}

function kindOf(mimeType: string): 'image' | 'video' | 'audio' | 'file' {
  const top = mimeType.split('/')[0]
  return top === 'image' || top === 'video' || top === 'audio' ? top : 'file'
}
