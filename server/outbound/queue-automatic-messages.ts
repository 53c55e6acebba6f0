// Automatic messages of a channel, sent through the outbox and marked automatic, after the ingest commit:
// - `awayMessage` outside the channel's business hours (its `calendarId`) or when no agent is online,
//   at most once per ticket in 12 hours, so a customer writing several messages at night is told once;
// - `welcomeMessage` on a customer's first contact, when someone is around (the away message says more).
// Mail sent by machines (out-of-office, lists, bounces) is never answered automatically: no loops.
import { and, eq, gt, inArray, sql } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import { anyAgentOnline } from '../agents/availability.ts'
import { isWithinHours } from '../calendars/business-hours.ts'
import { calendarsById } from '../calendars/calendar-directory.ts'
import type { ChannelRow } from '../channels/channel-directory.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { channels } from '../db/schema/channels.ts'
import { messages } from '../db/schema/messages.ts'
import type { BatchOutcome } from '../inbound/ingest-batch.ts'
import type { Logger } from '../log.ts'
import { findVisibleTicketAsSystem } from '../tickets/get-ticket.ts'
import { planOutbound } from './plan-outbound.ts'
import { queueOutbound } from './queue-outbound.ts'

const awayRepeatMs = 12 * 3_600_000

/** Queues the automatic messages a batch calls for; true when any was queued. */
export async function queueAutomaticMessages(db: Db, outcome: BatchOutcome, log: Logger, now: Date): Promise<boolean> {
  const candidates = outcome.ingested.filter((i) => i.message.direction === 'inbound' && !i.message.autoSubmitted)
  if (!candidates.length) return false
  const channelRows = await db
    .select()
    .from(channels)
    .where(inArray(channels.id, [...new Set(candidates.map((c) => c.message.channelId))]))
  const available = new Map<string, boolean>()
  const calendarIds = channelRows.flatMap((c) => (typeof c.config.calendarId === 'string' ? [c.config.calendarId] : []))
  const calendars = new Map(
    await Promise.all(
      [...new Set(channelRows.map((c) => c.workspaceId))].map(async (w) => [w, await calendarsById(db, w, calendarIds)] as const),
    ),
  )
  const answered = new Set<string>()
  let queued = false
  for (const { message, ingested } of candidates) {
    const channel = channelRows.find((c) => c.id === message.channelId)
    if (!channel || answered.has(ingested.ticketId)) continue
    const away = text(channel, 'awayMessage')
    const welcome = ingested.contactCreated ? text(channel, 'welcomeMessage') : ''
    if (!away && !welcome) continue
    if (!available.has(channel.workspaceId)) available.set(channel.workspaceId, await anyAgentOnline(db, channel.workspaceId))
    const calendar =
      typeof channel.config.calendarId === 'string'
        ? calendars.get(channel.workspaceId)?.get(channel.config.calendarId)
        : undefined
    const closed = calendar ? !isWithinHours(calendar, now) : false
    const isAway = (closed || !available.get(channel.workspaceId)) && away !== ''
    const body = isAway ? away : welcome
    if (!body) continue
    answered.add(ingested.ticketId)
    queued = (await queueAutomatic(db, channel, ingested.ticketId, ingested.messageId, body, isAway, log, now)) || queued
  }
  return queued
}

function text(channel: ChannelRow, key: 'awayMessage' | 'welcomeMessage'): string {
  const value = channel.config[key]
  return typeof value === 'string' ? value.trim() : ''
}

async function awaySentRecently(db: Db, ticketId: string, now: Date): Promise<boolean> {
  const [recent] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.ticketId, ticketId),
        eq(messages.automatic, true),
        gt(messages.createdAt, new Date(now.getTime() - awayRepeatMs)),
      ),
    )
    .limit(1)
  return Boolean(recent)
}

async function queueAutomatic(
  db: Db,
  channel: ChannelRow,
  ticketId: string,
  causeId: string,
  body: string,
  isAway: boolean,
  log: Logger,
  now: Date,
): Promise<boolean> {
  try {
    return await db.transaction(async (tx) => {
      // Two messages of one customer, handled at once (two batches, two servers), must not both be
      // answered: the ticket is locked, then what was sent is looked at again.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${ticketId}, 1))`)
      if (isAway && (await awaySentRecently(tx, ticketId, now))) return false
      const ticket = await findVisibleTicketAsSystem(tx, ticketId)
      const messageId = newId()
      const planned = await planOutbound(tx, ticket, channel, { body, privateReply: false }, messageId, now, true)
      await queueOutbound(tx, {
        messageId,
        workspaceId: channel.workspaceId,
        ticketId: ticket.id,
        channelId: planned.sender.id,
        channelKind: planned.sender.kind,
        body: planned.body,
        request: planned.request,
        author: { type: 'system' },
        idempotencyKey: `automatic:${causeId}`,
        now,
      })
      return true
    })
  } catch (error) {
    // A channel that cannot send, or a rule that refuses: no automatic message, and no harm done.
    if (!(error instanceof AppError)) log.error('automatic message failed', { channelId: channel.id, error })
    return false
  }
}
