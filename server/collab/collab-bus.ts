// What server processes on one PostgreSQL tell each other about shared documents, over LISTEN/NOTIFY: a
// stored update (inline when small, else its row id), an awareness change, the agents on a ticket, a
// recheck of who may still see which ticket, and "I started", "I am alive", "I am gone". Every payload
// received is parsed with `busMessageSchema`; one that does not parse is logged and dropped. On PGlite
// (one process) there is no bus and nothing is sent.
//
// Why the sizes: PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. An update whose base64 is
// longer than `inlineLimit` goes as its row id (the receiver reads the row); a recheck naming many
// tickets goes in several messages; any other message that would not fit is logged and not sent.
import { z } from 'zod'
import { idSchema } from '../../shared/schema/common.ts'
import { presentAgentSchema } from '../../shared/schema/presence.ts'
import type { Notifications } from '../db/create-db.ts'
import type { Logger } from '../log.ts'

const channel = 'helpdesk_collab'
/** PostgreSQL takes payloads shorter than 8000 bytes. */
export const maxPayloadBytes = 7999
/** Base64 of an update up to this long travels inline: with the other fields well under the limit. */
const inlineLimit = 6000
/** Ticket ids one recheck message names (39 bytes each in JSON, so about 6 KB). */
const recheckTicketsPerMessage = 150

const base64Schema = z.base64()

export const busMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('update'),
    processId: idSchema,
    ticketId: idSchema,
    rowId: z.number().int().nonnegative(),
    /** The update in base64; absent when it was too big to send, then read from row `rowId`. */
    update: base64Schema.optional(),
  }),
  z.object({ type: z.literal('awareness'), processId: idSchema, ticketId: idSchema, update: base64Schema }),
  z.object({
    type: z.literal('presence'),
    processId: idSchema,
    workspaceId: idSchema,
    ticketId: idSchema,
    /** `typingUntil`: when the agent's typing expires, on the sending server's clock (ms since the epoch). */
    agents: z.array(presentAgentSchema.extend({ typingUntil: z.number().optional() })),
  }),
  z.object({ type: z.literal(['hello', 'alive', 'gone']), processId: idSchema }),
  z.object({
    type: z.literal('recheck'),
    processId: idSchema,
    workspaceId: idSchema,
    ticketIds: z.array(idSchema).optional(),
    agentId: idSchema.optional(),
  }),
])
export type BusMessage = z.infer<typeof busMessageSchema>

/** A message as a caller sends it: the bus signs it with its process id. */
type Unsigned<M> = M extends BusMessage ? Omit<M, 'processId'> : never
export type OutgoingBusMessage = Unsigned<BusMessage>

export type ParsedBusMessage = { ok: true; message: BusMessage } | { ok: false; problem: string }

export function parseBusMessage(payload: string): ParsedBusMessage {
  let json: unknown
  try {
    json = JSON.parse(payload)
  } catch {
    return { ok: false, problem: 'not JSON' }
  }
  const parsed = busMessageSchema.safeParse(json)
  if (!parsed.success) return { ok: false, problem: z.prettifyError(parsed.error) }
  return { ok: true, message: parsed.data }
}

/** The NOTIFY payloads that carry a message: one, several for a recheck of many tickets, none if it cannot fit. */
export function busPayloads(message: BusMessage): string[] {
  if (message.type === 'recheck' && message.ticketIds && message.ticketIds.length > recheckTicketsPerMessage) {
    const parts: string[] = []
    for (let start = 0; start < message.ticketIds.length; start += recheckTicketsPerMessage) {
      parts.push(...busPayloads({ ...message, ticketIds: message.ticketIds.slice(start, start + recheckTicketsPerMessage) }))
    }
    return parts
  }
  const payload = JSON.stringify(message)
  return Buffer.byteLength(payload) <= maxPayloadBytes ? [payload] : []
}

export interface CollabBus {
  /** Announces the update stored as row `rowId`. */
  update(ticketId: string, rowId: number, update: Uint8Array): void
  send(message: OutgoingBusMessage): void
}

export async function connectCollabBus(
  deps: { notifications: Notifications; processId: string; log: Logger },
  handlers: { receive(message: BusMessage): void; listening(): void },
): Promise<CollabBus> {
  const { notifications, processId, log } = deps
  await notifications.listen(
    channel,
    (payload) => {
      const parsed = parseBusMessage(payload)
      if (!parsed.ok) {
        log.warn('collab notification ignored', { problem: parsed.problem, payload: payload.slice(0, 200) })
        return
      }
      if (parsed.message.processId !== processId) handlers.receive(parsed.message)
    },
    handlers.listening,
  )

  const send = (message: OutgoingBusMessage) => {
    const signed = { ...message, processId } as BusMessage
    const payloads = busPayloads(signed)
    if (!payloads.length) log.error('collab notification too large, not sent', { type: signed.type })
    for (const payload of payloads) {
      notifications.notify(channel, payload).catch((error: unknown) => log.error('collab notification failed', { error }))
    }
  }

  return {
    send,
    update(ticketId, rowId, update) {
      const inline = Buffer.from(update).toString('base64')
      send({ type: 'update', ticketId, rowId, ...(inline.length <= inlineLimit ? { update: inline } : {}) })
    },
  }
}
