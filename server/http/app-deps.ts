// What the HTTP layer is built from; wired once in server/create-server.ts.
import type { AfterCommit } from '../after-commit.ts'
import type { AgentActivity } from '../agents/agent-activity.ts'
import type { LoginThrottle } from '../auth/login-throttle.ts'
import type { ChatHub } from '../channels/chat/chat-hub.ts'
import type { GraphClient } from '../channels/meta/graph-client.ts'
import type { PostPreviews } from '../channels/meta/post-previews.ts'
import type { Clock, SettableClock } from '../clock/clock.ts'
import type { CollabServer } from '../collab/collab-server.ts'
import type { Config } from '../config.ts'
import type { Database } from '../db/create-db.ts'
import type { IngestQueue } from '../inbound/ingest-queue.ts'
import type { Logger } from '../log.ts'
import type { Scheduler } from '../scheduler/scheduler.ts'
import type { SecretBox } from '../security/secret-box.ts'
import type { SyncPush } from '../sync/sync-push.ts'

export interface AppDeps {
  config: Config
  database: Database
  secretKey: string
  box: SecretBox
  ingest: IngestQueue
  loginThrottle: LoginThrottle
  activity: AgentActivity
  log: Logger
  chat: ChatHub
  /** The posts comment tickets are about, read from the Graph API and cached. */
  posts: PostPreviews
  /** Reads of Meta's Graph API made for a request (a WhatsApp account's templates). */
  graph: Pick<GraphClient, 'read'>
  collab: Pick<CollabServer, 'presence'>
  /** What follows a route's commit: documents, sockets, rules, the outbox. */
  afterCommit: AfterCommit
  clock: Clock
  scheduler: Scheduler
  /** The live sync stream's source: every committed change, to the streams that may see it. */
  syncPush: Pick<SyncPush, 'open'>
  /** Only with TEST_CLOCK=1: the clock tests move. */
  testClock: SettableClock | null
}
