// The live-chat visitor socket (`/chat/socket?channel=<channelId>`): one JSON object per frame, one union
// per direction discriminated on `type`. The visitor says hello (with the token the server gave it last
// time, if any) and gets a welcome with its token and its conversation; then messages and typing flow
// both ways. Version history lives in chat-version.ts.
import { z } from 'zod'
import { chatErrorCodes, chatProtocolVersion } from './chat-version.ts'

export const maxChatTextLength = 4000

const name = z.string().trim().min(1).max(200)
const email = z.string().trim().toLowerCase().pipe(z.email().max(254))

// Visitor -> server

export const chatHelloSchema = z.object({
  type: z.literal('hello'),
  v: z.literal(chatProtocolVersion),
  /** The token of an earlier welcome; absent (or not one of ours) for a new visitor. */
  visitorToken: z.string().max(200).optional(),
  name: name.optional(),
  email: email.optional(),
})

export const chatSendSchema = z.object({
  type: z.literal('message'),
  /** Made by the widget per message; a message sent again (after a reconnect) is stored once. */
  clientId: z.string().min(1).max(100),
  text: z.string().trim().min(1).max(maxChatTextLength),
})

export const chatTypingSchema = z.object({ type: z.literal('typing'), typing: z.boolean() })

/** The visitor leaves a name or an email, so an answer can reach them when they are gone. */
export const chatIdentifySchema = z.object({ type: z.literal('identify'), name: name.optional(), email: email.optional() })

export const visitorFrameSchema = z.discriminatedUnion('type', [
  chatHelloSchema,
  chatSendSchema,
  chatTypingSchema,
  chatIdentifySchema,
])
export type VisitorFrame = z.infer<typeof visitorFrameSchema>

// Server -> visitor

export const chatEntrySchema = z.object({
  /** The message's id in the helpdesk. */
  id: z.string(),
  /** `inbound` was written by the visitor, `outbound` by the business. */
  direction: z.enum(['inbound', 'outbound']),
  text: z.string(),
  at: z.string(),
  /** The agent's name on outbound messages; null for the visitor's own and for automatic messages. */
  authorName: z.string().nullable(),
})
export type ChatEntry = z.infer<typeof chatEntrySchema>

export const chatWelcomeSchema = z.object({
  type: z.literal('welcome'),
  v: z.literal(chatProtocolVersion),
  /** Keep it (the widget uses localStorage) and send it in the next hello; it is the only key to the history. */
  visitorToken: z.string(),
  /** The visitor's conversation on this channel, oldest first, at most the last 100 messages. */
  history: z.array(chatEntrySchema),
})

export const chatMessageSchema = chatEntrySchema.extend({
  type: z.literal('message'),
  /** Set on the echo of the visitor's own message, so the widget can settle its pending bubble. */
  clientId: z.string().optional(),
})
export type ChatMessage = z.infer<typeof chatMessageSchema>

export const chatAgentTypingSchema = z.object({ type: z.literal('agent_typing'), typing: z.boolean(), name: z.string() })

export const chatErrorSchema = z.object({
  type: z.literal('error'),
  code: z.enum(chatErrorCodes),
  message: z.string(),
  /** The refused message's clientId (rate_limited, too_large), so the widget can mark that message. */
  clientId: z.string().optional(),
})
export type ChatError = z.infer<typeof chatErrorSchema>

export const serverFrameSchema = z.discriminatedUnion('type', [
  chatWelcomeSchema,
  chatMessageSchema,
  chatAgentTypingSchema,
  chatErrorSchema,
])
export type ServerFrame = z.infer<typeof serverFrameSchema>
