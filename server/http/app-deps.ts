// What the HTTP layer is built from; wired once in server/main.ts.
import type { AgentActivity } from '../agents/agent-activity.ts'
import type { LoginThrottle } from '../auth/login-throttle.ts'
import type { ChatHub } from '../channels/chat/chat-hub.ts'
import type { Clock, SettableClock } from '../clock/clock.ts'
import type { CollabServer } from '../collab/collab-server.ts'
import type { Config } from '../config.ts'
import type { Database } from '../db/create-db.ts'
import type { IngestQueue } from '../inbound/ingest-queue.ts'
import type { Logger } from '../log.ts'
import type { OutboxDispatcher } from '../outbound/outbox-dispatcher.ts'
import type { RuleEngine } from '../rules/rule-engine.ts'
import type { Scheduler } from '../scheduler/scheduler.ts'
import type { SecretBox } from '../security/secret-box.ts'

export interface AppDeps {
  config: Config
  database: Database
  secretKey: string
  box: SecretBox
  ingest: IngestQueue
  outbox: OutboxDispatcher
  loginThrottle: LoginThrottle
  activity: AgentActivity
  log: Logger
  chat: ChatHub
  collab: Pick<CollabServer, 'change' | 'presence' | 'recheck'>
  clock: Clock
  rules: RuleEngine
  scheduler: Scheduler
  /** Only with TEST_CLOCK=1: the clock tests move. */
  testClock: SettableClock | null
}
