// Composition root: config -> database -> journal -> ingest -> HTTP -> listen.

import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { sql } from 'drizzle-orm'
import { createAgentActivity } from './agents/agent-activity.ts'
import { applyShifts } from './agents/apply-shifts.ts'
import { createLoginThrottle } from './auth/login-throttle.ts'
import { ensureFirstAdmin, ensureWorkspace } from './bootstrap.ts'
import { chatSocketPath, createChatHub } from './channels/chat/chat-hub.ts'
import { findEmailChannelByAddress } from './channels/email/email-channels.ts'
import { createEmailSender } from './channels/email/email-sender.ts'
import { createSmtpListener } from './channels/email/smtp-listener.ts'
import { createGraphClient } from './channels/meta/graph-client.ts'
import { createSettableClock, systemClock } from './clock/clock.ts'
import { collabPath, createCollabServer } from './collab/collab-server.ts'
import { readConfig } from './config.ts'
import { createDb } from './db/create-db.ts'
import { createApp } from './http/create-app.ts'
import { createUpgradeRouter } from './http/upgrade-router.ts'
import { createIngestQueue } from './inbound/ingest-queue.ts'
import { type Journal, openJournal, syncFilesystem } from './inbound/journal.ts'
import { createLogger } from './log.ts'
import { createMediaFetcher, messagesWithPendingMedia } from './media/media-fetcher.ts'
import { createChannelSender } from './outbound/channel-sender.ts'
import { createOutboxDispatcher } from './outbound/outbox-dispatcher.ts'
import { queueAutomaticMessages } from './outbound/queue-automatic-messages.ts'
import { createRuleEngine } from './rules/rule-engine.ts'
import { runTimeRules } from './rules/run-time-rules.ts'
import { createScheduler } from './scheduler/scheduler.ts'
import { createSecretBox } from './security/secret-box.ts'
import { loadSecretKey } from './security/secret-key.ts'
import { checkSla } from './sla/check-sla.ts'

const config = readConfig(process.env)
const log = createLogger(config.LOG_LEVEL)
const database = await createDb({ dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL })
const secretKey = loadSecretKey(config.SECRET_KEY, config.DATA_DIR)
const workspaceId = await ensureWorkspace(database.db)
const firstAdmin = await ensureFirstAdmin(database.db, workspaceId, {
  email: config.ADMIN_EMAIL,
  password: config.ADMIN_PASSWORD,
})

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
  unloadAfterMs: config.DOCUMENT_UNLOAD_SECONDS * 1000,
  heartbeatMs: config.SOCKET_HEARTBEAT_SECONDS * 1000,
  // The rule engine is made below; an assignment made in a document runs its ticket_updated rules.
  ticketUpdated: (workspaceId, ticketId) => rules.run(workspaceId, 'ticket_updated', [ticketId]),
})
// The hub submits to the ingest made below; visitors connect only once the server listens.
const chat = createChatHub({
  database,
  submit: (event) => ingest.submit(event),
  log,
  heartbeatMs: config.SOCKET_HEARTBEAT_SECONDS * 1000,
})
const outbox = createOutboxDispatcher({
  database,
  send: createChannelSender({
    db: database.db,
    box,
    graph,
    graphVersion: config.META_GRAPH_VERSION,
    email: createEmailSender(config.SMTP_URL),
    chat,
  }),
  log,
})
const testClock = config.TEST_CLOCK === '1' ? createSettableClock() : null
const clock = testClock ?? systemClock
const rules = createRuleEngine({
  db: database.db,
  clock,
  log,
  weights: config.PRIORITY_WEIGHTS,
  collab,
  wakeOutbox: () => outbox.wake(),
})
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
  },
})
const media = createMediaFetcher({ database, box, graph, graphVersion: config.META_GRAPH_VERSION, log })
const ingest = createIngestQueue({
  database,
  journal,
  settings: { reopenWindowDays: config.REOPEN_WINDOW_DAYS },
  log,
  onCommitted: async (outcome) => {
    media.fetchFor(
      messagesWithPendingMedia(
        outcome.ingested.map((i) => ({ messageId: i.ingested.messageId, attachments: i.message.attachments })),
      ),
    )
    const now = clock.now()
    // A failure of the rules must not keep the away message from going out.
    await rules.afterIngest(outcome).catch((error: unknown) => log.error('rules after ingest failed', { error }))
    if (await queueAutomaticMessages(database.db, outcome, log, now)) outbox.wake()
  },
})
if (journal) {
  const pending = await journal.read()
  if (pending.length) log.info('replaying the inbound journal', { records: pending.length })
  await ingest.ingestNow(pending)
  await journal.reset()
}
await outbox.recoverInterrupted()
scheduler.start()
await media.recover()

const app = createApp({
  config,
  database,
  secretKey,
  box,
  ingest,
  outbox,
  loginThrottle: createLoginThrottle(),
  chat,
  collab,
  clock,
  rules,
  scheduler,
  testClock,
  activity: createAgentActivity(database.db, (error) => log.warn('could not record agent activity', { error })),
  log,
})
const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  // With PORT=0 the port is known only now; links and webhook URLs must carry it.
  if (!config.PUBLIC_URL) config.publicUrl = `http://${config.HOST}:${info.port}`
  const url = config.publicUrl
  log.info('helpdesk listening', { url, db: database.kind, port: info.port })
  if (firstAdmin?.generatedPassword) {
    process.stdout.write(
      `\n  Helpdesk is ready at ${url}\n  Sign in as ${firstAdmin.email} with password ${firstAdmin.generatedPassword}\n  (shown only this once)\n\n`,
    )
  } else if (firstAdmin) {
    process.stdout.write(`\n  Helpdesk is ready at ${url}\n  Sign in as ${firstAdmin.email} with your ADMIN_PASSWORD\n\n`)
  } else {
    process.stdout.write(`Helpdesk is ready at ${url}\n`)
  }
})

server.on('upgrade', createUpgradeRouter({ [chatSocketPath]: chat.handleUpgrade, [collabPath]: collab.handleUpgrade }))

server.on('error', (error: NodeJS.ErrnoException) => {
  const reason = error.code === 'EADDRINUSE' ? `port ${config.PORT} on ${config.HOST} is in use (set PORT)` : error.message
  log.error(`cannot listen: ${reason}`)
  process.exit(1)
})

// Inbound mail for the email channels, once the HTTP side listens (SMTP_PORT=0 turns it off).
const smtp =
  config.SMTP_PORT === 0
    ? null
    : createSmtpListener({
        host: config.SMTP_HOST,
        port: config.SMTP_PORT,
        maxBytes: config.SMTP_MAX_BYTES,
        maxRecipients: config.SMTP_MAX_RECIPIENTS,
        findChannelByAddress: (address) => findEmailChannelByAddress(database.db, address),
        submit: (event) => ingest.submit(event),
        log,
      })
server.once('listening', () => {
  smtp?.start().then(
    (port) => log.info('smtp listening', { host: config.SMTP_HOST, port }),
    (error: NodeJS.ErrnoException) => {
      const inUse = `port ${config.SMTP_PORT} on ${config.SMTP_HOST} is in use (set SMTP_PORT, or 0 to turn mail off)`
      log.error(`cannot listen for mail: ${error.code === 'EADDRINUSE' ? inUse : error.message}`)
      process.exit(1)
    },
  )
})

let stopping = false
async function stop(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  log.info('shutting down', { signal })
  server.close()
  await smtp?.stop()
  await chat.close()
  await collab.close()
  await ingest.close()
  await scheduler.stop()
  await outbox.stop()
  await media.stop()
  await journal?.close()
  await database.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))
