// Parse at the edge: a socket frame to a typed visitor frame (its text storable), or the error frame that
// answers it. Pure.
import { maxChatTextLength, type VisitorFrame, visitorFrameSchema } from '../../../shared/protocol/chat.ts'
import type { ChatErrorCode } from '../../../shared/protocol/chat-version.ts'
import { storable } from '../../db/storable-text.ts'

export type ParsedFrame =
  | { ok: true; frame: VisitorFrame }
  | { ok: false; code: ChatErrorCode; message: string; clientId?: string | undefined }

export function parseVisitorFrame(data: string): ParsedFrame {
  let value: unknown
  try {
    value = JSON.parse(data)
  } catch {
    return { ok: false, code: 'invalid_message', message: 'A frame must be one JSON object.' }
  }
  const parsed = visitorFrameSchema.safeParse(value)
  // The frame's text goes to the database (a name, an email, a message): cleaned of what it cannot hold.
  if (parsed.success) return { ok: true, frame: storable(parsed.data) }
  const clientId = clientIdOf(value)
  if (parsed.error.issues.some((issue) => issue.code === 'too_big' && issue.path[0] === 'text')) {
    return { ok: false, code: 'too_large', message: `A message holds at most ${maxChatTextLength} characters.`, clientId }
  }
  const first = parsed.error.issues[0]
  const where = first?.path.length ? ` (${first.path.join('.')})` : ''
  return { ok: false, code: 'invalid_message', message: `${first?.message ?? 'Invalid frame'}${where}.`, clientId }
}

function clientIdOf(value: unknown): string | undefined {
  const id = (value as { clientId?: unknown } | null)?.clientId
  return typeof id === 'string' && id.length <= 100 ? id : undefined
}
