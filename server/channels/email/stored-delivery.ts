// The stored delivery a message on a ticket came from, as a join condition: linked at ingest (a mail's
// key is its Message-ID and a digest, since ids are reused); rows stored before that link existed are
// found by the message's id alone.
import { and, eq, isNull, or, type SQL } from 'drizzle-orm'
import { inboundEvents } from '../../db/schema/inbound-events.ts'
import { messages } from '../../db/schema/messages.ts'

export function storedDeliveryOf(channelId: string): SQL {
  return or(
    eq(inboundEvents.messageId, messages.id),
    and(
      isNull(inboundEvents.messageId),
      eq(inboundEvents.channelId, channelId),
      eq(inboundEvents.externalId, messages.externalId),
    ),
  )!
}
