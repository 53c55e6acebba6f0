// Message rows as the API shows them (shared/schema/message.ts).
import type { Message } from '../../shared/schema/message.ts'
import { messages } from '../db/schema/messages.ts'

export const messageColumns = {
  id: messages.id,
  ticketId: messages.ticketId,
  kind: messages.kind,
  direction: messages.direction,
  channelKind: messages.channelKind,
  externalId: messages.externalId,
  authorType: messages.authorType,
  authorId: messages.authorId,
  body: messages.body,
  html: messages.html,
  attachments: messages.attachments,
  status: messages.status,
  error: messages.error,
  replyToExternalId: messages.replyToExternalId,
  automatic: messages.automatic,
  deletedAt: messages.deletedAt,
  editedAt: messages.editedAt,
  editHistory: messages.editHistory,
  reactions: messages.reactions,
  mail: messages.mail,
  createdAt: messages.createdAt,
  receivedAt: messages.receivedAt,
  privateReplyTo: messages.privateReplyTo,
}

export type MessageRow = Omit<Message, 'createdAt' | 'receivedAt' | 'deletedAt' | 'editedAt'> & {
  createdAt: Date
  receivedAt: Date | null
  deletedAt: Date | null
  editedAt: Date | null
}

export function toMessage(row: MessageRow): Message {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    receivedAt: row.receivedAt?.toISOString() ?? null,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    editedAt: row.editedAt?.toISOString() ?? null,
  }
}
