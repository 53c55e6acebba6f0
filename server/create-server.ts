// The composition root: config -> database -> journal -> channels -> collaboration -> rules -> ingest ->
// HTTP. createServer wires every part and starts the background work (journal replay, outbox recovery,
// scheduler), but listens on nothing until listen() is called: the process (main.ts) and the tests
// (in-process, on 127.0.0.1) both start a helpdesk this way.
import type { Server } from 'node:http'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { sql } from 'drizzle-orm'
import type { Hono } from 'hono'
import { createAfterCommit } from './after-commit.ts'
import { createAgentActivity } from './agents/agent-activity.ts'
import { applyShifts } from './agents/apply-shifts.ts'
import { createLoginThrottle } from './auth/login-throttle.ts'
import { ensureFirstAdmin, ensureWorkspace, type FirstAdmin } from './bootstrap.ts'
import type { ChannelEvent } from './channels/channel-event.ts'
import { chatSocketPath, createChatHub } from './channels/chat/chat-hub.ts'
import { findEmailChannelByAddress } from './channels/email/email-channels.ts'
import { createEmailSender } from './channels/email/email-sender.ts'
import { createSmtpListener } from './channels/email/smtp-listener.ts'
import { createGraphClient } from './channels/meta/graph-client.ts'
import { createPostPreviews } from './channels/meta/post-previews.ts'
import { createSettableClock, systemClock } from './clock/clock.ts'
import { collabPath, createCollabServer } from './collab/collab-server.ts'
import { publishAssignments } from './collab/publish-assignments.ts'
import type { Config } from './config.ts'
import { createDb, type Database } from './db/create-db.ts'
import { createApp } from './http/create-app.ts'
import { createUpgradeRouter, type UpgradeHandler } from './http/upgrade-router.ts'
import { createInboundRetry } from './inbound/inbound-retry.ts'
import { createIngestQueue } from './inbound/ingest-queue.ts'
import { type Journal, openJournal, syncFilesystem } from './inbound/journal.ts'
import { createLogger, type Logger } from './log.ts'
import { createMediaFetcher } from './media/media-fetcher.ts'
import { createChannelSender } from './outbound/channel-sender.ts'
import { createOutboxDispatcher } from './outbound/outbox-dispatcher.ts'
import { createRuleEngine } from './rules/rule-engine.ts'
import { runTimeRules } from './rules/run-time-rules.ts'
import { settleIngestedTickets } from './rules/settle-ingested-tickets.ts'
import { samplePost } from './sample/sample-post.ts'
import { createSampleSimulator } from './sample/sample-simulator.ts'
import { createScheduler } from './scheduler/scheduler.ts'
import { createSecretBox } from './security/secret-box.ts'
import { loadSecretKey } from './security/secret-key.ts'
import { checkSla } from './sla/check-sla.ts'
import { createSyncPush } from './sync/sync-push.ts'
import { wakeSnoozed } from './tickets/wake-snoozed.ts'

export interface HelpdeskServer {
  readonly config: Config
  readonly database: Database
  readonly log: Logger
  /** The admin this start created (with the generated password, if any); null when agents existed. */
  readonly firstAdmin: FirstAdmin | null
  /** The HTTP side: the REST API, the webhooks, the app and the widget (`app.request()` works without listening). */
  readonly app: Hono
  /** The websocket upgrades: collaboration and live chat. */
  readonly upgrade: UpgradeHandler
  /** The path prefix of every websocket `upgrade` takes (the authorization tests walk them all). */
  readonly socketPaths: readonly string[]
  /**
   * Listens for HTTP on HOST:PORT and, unless SMTP_PORT is 0, for mail on SMTP_HOST:SMTP_PORT. With
   * PORT=0 the bound port becomes the public URL's. Rejects with a sentence saying what to change
   * ("cannot listen: …", "cannot listen for mail: …").
   */
  listen(): Promise<{ url: string; port: number; smtpPort: number | null }>
  /** Stops listening, waits for queued work, and closes the database. */
  close(): Promise<void>
}

export async function createServer(
  config: Config,
  /** `database`: one already open (tests pass an in-memory one); the server closes it. */
  options: { log?: Logger; database?: Database } = {},
): Promise<HelpdeskServer> {
  const log = options.log ?? createLogger(config.LOG_LEVEL)
  const database = options.database ?? (await createDb({ dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL, log }))
  const secretKey = loadSecretKey(config.SECRET_KEY, config.DATA_DIR)
  // Every time the server records or decides on is read from this clock; tests may move it (TEST_CLOCK=1).
  const testClock = config.TEST_CLOCK === '1' ? createSettableClock() : null
  const clock = testClock ?? systemClock
  const workspaceId = await ensureWorkspace(database.db)
  const firstAdmin = await ensureFirstAdmin(
    database.db,
    workspaceId,
    {
      email: config.ADMIN_EMAIL,
      password: config.ADMIN_PASSWORD,
    },
    clock.now(),
  )

  // PGlite does not fsync; the journal makes accepted inbound messages survive an operating-system crash.
  let journal: Journal | null = null
  if (database.kind === 'pglite') {
    journal = await openJournal(join(config.DATA_DIR, 'inbound.journal'), async () => {
      await database.db.execute(sql`checkpoint`)
      await syncFilesystem(config.DATA_DIR)
    })
  }
  const box = createSecretBox(secretKey)
  const graph = createGraphClient({ baseUrl: config.META_GRAPH_URL, log })
  const collab = await createCollabServer({
    db: database.db,
    notifications: database.notifications,
    secretKey,
    log,
    clock,
    unloadAfterMs: config.DOCUMENT_UNLOAD_SECONDS * 1000,
    heartbeatMs: config.SOCKET_HEARTBEAT_SECONDS * 1000,
  })
  // The one reference forward: visitors' and mail's messages go to the ingest made below, which needs the
  // outbox, which sends through this chat hub. Nothing is submitted before listen(), when all exist.
  const submit = (event: ChannelEvent) => ingest.submit(event)
  const chat = createChatHub({
    database,
    submit,
    log,
    clock,
    heartbeatMs: config.SOCKET_HEARTBEAT_SECONDS * 1000,
    publicUrl: () => config.publicUrl,
  })
  const sampleSimulator = createSampleSimulator({ submit, clock, log })
  const outbox = createOutboxDispatcher({
    database,
    send: createChannelSender(
      {
        db: database.db,
        box,
        graph,
        graphVersion: config.META_GRAPH_VERSION,
        email: createEmailSender(config.SMTP_URL),
        chat,
      },
      sampleSimulator,
    ),
    log,
    clock,
    settleTickets: (db, ticketIds, now) => settleIngestedTickets(db, ticketIds, config.PRIORITY_WEIGHTS, now),
  })
  const rules = createRuleEngine({
    db: database.db,
    clock,
    log,
    weights: config.PRIORITY_WEIGHTS,
    publishAssignments: (workspaceId, tickets) => publishAssignments(collab, workspaceId, tickets, log),
    wakeOutbox: () => outbox.wake(),
  })
  const media = createMediaFetcher({ database, box, graph, graphVersion: config.META_GRAPH_VERSION, log })
  const syncPush = await createSyncPush({ database, clock, log })
  const afterCommit = createAfterCommit({ db: database.db, clock, log, collab, rules, outbox, media, sync: syncPush })
  collab.onAssigned((workspaceId, ticketId) => afterCommit.ticketsUpdated(workspaceId, [ticketId]))
  const ingest = createIngestQueue({
    database,
    journal,
    settings: {
      reopenWindowDays: config.REOPEN_WINDOW_DAYS,
      settleTickets: (db, ticketIds, now, created) => settleIngestedTickets(db, ticketIds, config.PRIORITY_WEIGHTS, now, created),
    },
    log,
    clock,
    onCommitted: (outcome) => afterCommit.ingested(outcome),
  })
  const inboundRetry = createInboundRetry({ database, ingest, log })
  const scheduler = createScheduler({
    clock,
    everyMs: config.SCHEDULER_INTERVAL_SECONDS * 1000,
    log,
    work: async (from, to) => {
      for (const workspaceId of await applyShifts(database.db, from, to)) await rules.routeWaiting(workspaceId)
      const sla = await checkSla(database.db, from, to)
      for (const workspaceId of new Set(sla.windowClosing.map((w) => w.workspaceId))) {
        const ticketIds = sla.windowClosing.filter((w) => w.workspaceId === workspaceId).map((w) => w.ticketId)
        await rules.refresh(workspaceId, ticketIds)
      }
      await runTimeRules(database.db, rules, from, to)
      for (const [workspaceId, ticketIds] of await wakeSnoozed(database.db, to))
        await afterCommit.ticketsUpdated(workspaceId, ticketIds)
    },
  })

  if (journal) {
    const pending = await journal.read()
    if (pending.length) log.info('replaying the inbound journal', { records: pending.length })
    await ingest.ingestNow(pending)
    await journal.reset()
  }
  await outbox.recoverInterrupted()
  inboundRetry.start()
  scheduler.start()
  await media.recover()

  const app = createApp({
    config,
    database,
    secretKey,
    box,
    ingest,
    loginThrottle: createLoginThrottle(database.db, config.SIGN_IN_LIMITS),
    chat,
    graph,
    posts: createPostPreviews({ graph, box, graphVersion: config.META_GRAPH_VERSION, clock, samplePost }),
    collab,
    afterCommit,
    clock,
    scheduler,
    syncPush,
    testClock,
    activity: createAgentActivity(database.db, (error) => log.warn('could not record agent activity', { error })),
    log,
  })
  const sockets = { [chatSocketPath]: chat.handleUpgrade, [collabPath]: collab.handleUpgrade }
  const upgrade = createUpgradeRouter(sockets, { publicUrl: () => config.publicUrl, openToOtherSites: [chatSocketPath] })
  const smtp =
    config.SMTP_PORT === 0
      ? null
      : createSmtpListener({
          host: config.SMTP_HOST,
          port: config.SMTP_PORT,
          maxBytes: config.SMTP_MAX_BYTES,
          maxRecipients: config.SMTP_MAX_RECIPIENTS,
          findChannelByAddress: (address) => findEmailChannelByAddress(database.db, address),
          submit,
          now: () => clock.now(),
          log,
        })
  let http: Server | null = null
  let closing: Promise<void> | null = null

  async function listen() {
    const port = await new Promise<number>((resolve, reject) => {
      const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => resolve(info.port))
      server.on('upgrade', upgrade)
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new Error(
            `cannot listen: ${error.code === 'EADDRINUSE' ? `port ${config.PORT} on ${config.HOST} is in use (set PORT)` : error.message}`,
          ),
        ),
      )
      http = server as Server
    })
    // With PORT=0 the port is known only now; links and webhook URLs must carry it.
    if (!config.PUBLIC_URL) config.publicUrl = `http://${config.HOST}:${port}`
    log.info('helpdesk listening', { url: config.publicUrl, db: database.kind, port })
    // Inbound mail for the email channels, once the HTTP side listens.
    const smtpPort = smtp
      ? await smtp.start().catch((error: NodeJS.ErrnoException) => {
          const inUse = `port ${config.SMTP_PORT} on ${config.SMTP_HOST} is in use (set SMTP_PORT, or 0 to turn mail off)`
          throw new Error(`cannot listen for mail: ${error.code === 'EADDRINUSE' ? inUse : error.message}`)
        })
      : null
    if (smtpPort !== null) log.info('smtp listening', { host: config.SMTP_HOST, port: smtpPort })
    return { url: config.publicUrl, port, smtpPort }
  }

  async function close() {
    const server = http
    // No new connections; open ones (event streams, keep-alive) are cut once the queued work is done.
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : null
    server?.closeIdleConnections()
    await smtp?.stop()
    syncPush.close()
    await chat.close()
    await collab.close()
    await inboundRetry.stop()
    await ingest.close()
    await scheduler.stop()
    await outbox.stop()
    sampleSimulator.stop()
    await media.stop()
    await journal?.close()
    server?.closeAllConnections()
    await closed
    await database.close()
  }

  return {
    config,
    database,
    log,
    firstAdmin,
    app,
    upgrade,
    socketPaths: Object.keys(sockets),
    listen,
    close: () => {
      closing ??= close()
      return closing
    },
  }
}
