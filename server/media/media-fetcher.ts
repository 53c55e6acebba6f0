// Fetches the media of WhatsApp messages (GET /{media-id} for a URL valid 5 minutes, then the bytes with
// the same Bearer token), checks them against Meta's sha256, and stores them, so
// the thread keeps them after Meta's URLs expire. Runs after the ingest commit, in the background so
// webhooks are answered at once; what a stop interrupted is fetched at the next start.
import { createHash } from 'node:crypto'
import { and, eq, gt, sql } from 'drizzle-orm'
import type { Attachment } from '../../shared/schema/message.ts'
import { findChannel } from '../channels/channel-directory.ts'
import type { GraphClient } from '../channels/meta/graph-client.ts'
import type { Database } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { attachments } from '../db/schema/attachments.ts'
import { messages } from '../db/schema/messages.ts'
import { tickets } from '../db/schema/tickets.ts'
import type { Logger } from '../log.ts'
import type { SecretBox } from '../security/secret-box.ts'

const mediaPrefix = 'wa-media:'
/** WhatsApp's own limits go up to 100 MB for documents; past this the message keeps the reference only. */
const maxMediaBytes = 32 * 1024 * 1024

export interface MediaFetcher {
  fetchFor(messageIds: readonly string[]): void
  /** Fetches what earlier runs left (messages of the last 30 days). */
  recover(): Promise<void>
  stop(): Promise<void>
}

export function createMediaFetcher(deps: {
  database: Database
  box: SecretBox
  graph: GraphClient
  graphVersion: string
  log: Logger
}): MediaFetcher {
  const { db } = deps.database
  let chain: Promise<void> = Promise.resolve()
  let stopped = false

  async function fetchOne(messageId: string): Promise<void> {
    const [row] = await db
      .select({
        id: messages.id,
        workspaceId: messages.workspaceId,
        attachments: messages.attachments,
        channelId: tickets.channelId,
      })
      .from(messages)
      .innerJoin(tickets, eq(tickets.id, messages.ticketId))
      .where(eq(messages.id, messageId))
    if (!row?.attachments.some((a) => a.url?.startsWith(mediaPrefix))) return
    const channel = await findChannel(db, row.channelId)
    const token = channel.secrets
      ? (JSON.parse(deps.box.open(channel.secrets)) as { accessToken?: string }).accessToken
      : undefined
    if (!token) return
    const updated: Attachment[] = []
    for (const attachment of row.attachments) {
      updated.push(attachment.url?.startsWith(mediaPrefix) ? await store(row, attachment, token) : attachment)
    }
    await db.update(messages).set({ attachments: updated }).where(eq(messages.id, row.id))
  }

  async function store(row: { id: string; workspaceId: string }, attachment: Attachment, token: string): Promise<Attachment> {
    const mediaId = attachment.url!.slice(mediaPrefix.length)
    const described = await deps.graph.read(`/${deps.graphVersion}/${encodeURIComponent(mediaId)}`, token)
    if (!described.ok || typeof described.body.url !== 'string') {
      deps.log.warn('WhatsApp media not described', { mediaId, reason: described.ok ? 'no url' : described.reason })
      return attachment
    }
    const file = await deps.graph.download(described.body.url, token, maxMediaBytes)
    if (!file) return attachment
    const sha256 = createHash('sha256').update(file.bytes).digest('hex')
    if (typeof described.body.sha256 === 'string' && described.body.sha256.toLowerCase() !== sha256) {
      deps.log.warn('WhatsApp media does not match its sha256; not stored', { mediaId })
      return attachment
    }
    const id = newId()
    const mimeType = typeof described.body.mime_type === 'string' ? described.body.mime_type : file.mimeType
    await db.insert(attachments).values({
      id,
      workspaceId: row.workspaceId,
      messageId: row.id,
      mimeType,
      fileName: attachment.name ?? null,
      size: file.bytes.length,
      sha256,
      bytes: file.bytes,
    })
    return { ...attachment, url: `/api/attachments/${id}`, mimeType, size: file.bytes.length }
  }

  function fetchFor(messageIds: readonly string[]): void {
    for (const messageId of messageIds) {
      chain = chain.then(async () => {
        if (stopped) return
        await fetchOne(messageId).catch((error: unknown) => deps.log.error('media fetch failed', { messageId, error }))
      })
    }
  }

  return {
    fetchFor,
    async recover() {
      const pending = await db
        .select({ id: messages.id })
        .from(messages)
        .where(
          and(
            gt(messages.createdAt, new Date(Date.now() - 30 * 86_400_000)),
            sql`${messages.attachments}::text like ${`%${mediaPrefix}%`}`,
          ),
        )
      fetchFor(pending.map((p) => p.id))
    },
    async stop() {
      stopped = true
      await chain
    },
  }
}

/** The messages of a batch whose media still have to be fetched. */
export function messagesWithPendingMedia(
  ingested: readonly { messageId: string; attachments: readonly Attachment[] }[],
): string[] {
  return ingested.filter((m) => m.attachments.some((a) => a.url?.startsWith(mediaPrefix))).map((m) => m.messageId)
}
