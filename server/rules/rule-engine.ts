// Runs the automation rules, refreshes priority scores and SLA due times, for a set of tickets at an
// event: after an ingest commit (ticket_created, message_received), after a ticket is changed
// (ticket_updated), and from the scheduler (time_elapsed). One run reads the workspace once, evaluates
// every ticket in memory and writes everything in one transaction; then assignments reach the tickets'
// shared documents. Changes made by rules are a ticket_updated event of their own; a rule that fires
// again in that chain and would change the ticket again is a loop: it is stopped and reported.
import { and, asc, eq, isNull } from 'drizzle-orm'
import type { RuleEvent } from '../../shared/schema/rule.ts'
import type { Clock } from '../clock/clock.ts'
import type { Db } from '../db/create-db.ts'
import { rules as rulesTable } from '../db/schema/routing.ts'
import { tickets } from '../db/schema/tickets.ts'
import type { BatchOutcome } from '../inbound/ingest-batch.ts'
import type { Logger } from '../log.ts'
import { newChatNotifications } from '../notifications/new-chat-notifications.ts'
import { notify } from '../notifications/notify.ts'
import type { PriorityWeights } from '../priority/priority-score.ts'
import { overdueEvents } from '../sla/overdue.ts'
import { recordSlaEvents } from '../sla/record-sla-events.ts'
import { slaDue } from '../sla/sla-due.ts'
import { loadTicketStates } from '../sla/ticket-state.ts'
import { evaluateRules, type Snapshot } from './evaluate-rules.ts'
import { type CompiledRule, compileRule } from './match-conditions.ts'
import { queueRuleReply } from './queue-rule-reply.ts'
import { assignsAnAgent } from './routes-new-tickets.ts'
import { loadAgentLoads, loadRoutingSettings, type RoutingSettings } from './routing-context.ts'
import { toRule } from './rule-directory.ts'
import { stopLoops } from './stop-loops.ts'
import { ticketScore } from './ticket-score.ts'
import type { TicketResult } from './write-rule-results.ts'
import { rowChanges, writeRuleResults } from './write-rule-results.ts'

export interface RuleEngine {
  /** Rules, calendars or SLA policies of the workspace changed: read them again on the next run. */
  invalidate(workspaceId: string): void
  run(workspaceId: string, event: RuleEvent, ticketIds: readonly string[], only?: string): Promise<void>
  afterIngest(outcome: BatchOutcome): Promise<void>
  /**
   * Someone came online: open tickets that no one could be given wait in the queue; the assignments of
   * the ticket_created and message_received rules run for them again (and only those actions).
   */
  routeWaiting(workspaceId: string): Promise<void>
  /** The priority score and SLA due times again, with no rule (a reply window starts closing). */
  refresh(workspaceId: string, ticketIds: readonly string[]): Promise<void>
}

const maxWaitingRouted = 200

const maxChain = 5
const cacheMs = 5_000

export function createRuleEngine(deps: {
  db: Db
  clock: Clock
  log: Logger
  weights: PriorityWeights
  /** After the commit: the tickets' documents show the rules' assignments; sockets that lost a ticket close. */
  publishAssignments(
    workspaceId: string,
    tickets: { id: string; assigneeId: string | null; teamId: string | null }[],
  ): Promise<void>
  /** After the commit: rule replies were queued. */
  wakeOutbox(): void
}): RuleEngine {
  const { db, clock, log } = deps
  // Compiled rules, calendars and SLA policies per workspace. Changes made through this process drop
  // them at once; another process's changes are seen within cacheMs (servers sharing one PostgreSQL).
  const compiled = new Map<string, { rules: CompiledRule[]; at: number }>()
  const lastChosen = new Map<string, string>()

  async function rulesOf(workspaceId: string): Promise<CompiledRule[]> {
    const cached = compiled.get(workspaceId)
    if (cached && Date.now() - cached.at < cacheMs) return cached.rules
    const rows = await db
      .select()
      .from(rulesTable)
      .where(eq(rulesTable.workspaceId, workspaceId))
      .orderBy(asc(rulesTable.position))
    const rules = rows.map((row) => compileRule(toRule(row)))
    compiled.set(workspaceId, { rules, at: Date.now() })
    return rules
  }

  const settings = new Map<string, { value: RoutingSettings; at: number }>()
  async function settingsOf(workspaceId: string): Promise<RoutingSettings> {
    const cached = settings.get(workspaceId)
    if (cached && Date.now() - cached.at < cacheMs) return cached.value
    const value = await loadRoutingSettings(db, workspaceId)
    settings.set(workspaceId, { value, at: Date.now() })
    return value
  }

  async function rulesFor(workspaceId: string, event: RuleEvent, only?: string): Promise<CompiledRule[]> {
    return (await rulesOf(workspaceId)).filter((r) => r.event === event && r.enabled && (!only || r.id === only))
  }

  async function run(
    workspaceId: string,
    rules: readonly CompiledRule[],
    ticketIds: readonly string[],
    chain: Map<string, Set<string>> = new Map(),
    depth = 0,
    newChats: ReadonlySet<string> = new Set(),
  ): Promise<void> {
    if (!ticketIds.length) return
    // Agents are read only when a rule may choose or name one, or a loop may have to be reported.
    const needsAgents = depth > 0 || rules.some((r) => r.actions.some((a) => a.type.startsWith('assign_') || a.type === 'notify'))
    const ctx = { ...(await settingsOf(workspaceId)), agents: needsAgents ? await loadAgentLoads(db, workspaceId) : [] }
    const states = await loadTicketStates(db, ticketIds)
    const now = clock.now()
    const snapshot: Snapshot = { ctx, now, lastChosen }
    const admins = ctx.agents.filter((a) => a.role === 'admin').map((a) => a.id)

    const results: TicketResult[] = states.map((state) => {
      const firedBefore = chain.get(state.id) ?? new Set<string>()
      const evaluation = evaluateRules(rules, state, snapshot, (rule) => firedBefore.has(rule.id))
      const loops = stopLoops(rules, firedBefore, evaluation, snapshot, admins)
      if (loops.audit.length) log.warn('rule loop stopped', { ticketId: state.id, rules: loops.audit.map((a) => a.data) })
      return {
        ...evaluation,
        score: ticketScore(deps.weights, evaluation.state, now),
        sla: slaDue(ctx.policies, ctx.calendars, evaluation.state),
        extraAudit: loops.audit,
        extraNotifications: loops.notifications,
        newChat: newChats.has(state.id) && state.channelKind === 'chat',
      }
    })
    const chats = results.filter((r) => r.newChat).map((r) => r.state)

    let replies = 0
    const overdue = results.flatMap((r) => overdueEvents(r.state, r.sla, now))
    const nothingToWrite =
      overdue.length === 0 && chats.length === 0 && !results.some((r) => r.effects.length || r.extraAudit.length || rowChanges(r))
    if (nothingToWrite) return
    await db.transaction(async (tx) => {
      await writeRuleResults(tx, results, now)
      await recordSlaEvents(tx, overdue, now)
      if (chats.length) await notify(tx, await newChatNotifications(tx, chats, now))
      for (const r of results) {
        for (const [i, e] of r.effects.entries()) {
          if (e.kind !== 'reply') continue
          const refused = await queueRuleReply(
            tx,
            r.state.id,
            e.body,
            `rule:${e.rule.id}:${r.state.id}:${now.getTime()}:${i}`,
            now,
          )
          if (refused) log.info('a rule reply was refused by the channel', { ticketId: r.state.id, ruleId: e.rule.id, refused })
          else replies++
        }
      }
    })
    if (replies) deps.wakeOutbox()

    const before = new Map(states.map((s) => [s.id, s]))
    const reassigned = results.filter((r) => {
      const was = before.get(r.state.id)!
      return was.assigneeId !== r.state.assigneeId || was.teamId !== r.state.teamId
    })
    await deps.publishAssignments(
      workspaceId,
      reassigned.map((r) => r.state),
    )

    // The score and due times written above are final; another pass is only for ticket_updated rules,
    // and never for a ticket whose loop was just stopped.
    const changed = results.filter((r) => r.effects.some((e) => e.kind === 'change') && r.extraAudit.length === 0)
    const updatedRules = changed.length && depth < maxChain ? await rulesFor(workspaceId, 'ticket_updated') : []
    if (!updatedRules.length) return
    for (const r of changed) chain.set(r.state.id, new Set([...(chain.get(r.state.id) ?? []), ...r.fired.map((f) => f.id)]))
    await run(
      workspaceId,
      updatedRules,
      changed.map((r) => r.state.id),
      chain,
      depth + 1,
    )
  }

  return {
    invalidate(workspaceId) {
      compiled.delete(workspaceId)
      settings.delete(workspaceId)
    },
    run: async (workspaceId, event, ticketIds, only) => run(workspaceId, await rulesFor(workspaceId, event, only), ticketIds),
    refresh: (workspaceId, ticketIds) => run(workspaceId, [], ticketIds),
    async routeWaiting(workspaceId) {
      const assigning = [...(await rulesFor(workspaceId, 'ticket_created')), ...(await rulesFor(workspaceId, 'message_received'))]
        .map((r) => ({ ...r, stop: false, actions: r.actions.filter((a) => a.type.startsWith('assign_')) }))
        .filter((r) => r.actions.length > 0)
      if (!assigning.length) return
      const waiting = await db
        .select({ id: tickets.id })
        .from(tickets)
        .where(and(eq(tickets.workspaceId, workspaceId), isNull(tickets.assigneeId), eq(tickets.status, 'open')))
        .orderBy(asc(tickets.createdAt))
        .limit(maxWaitingRouted)
      await run(
        workspaceId,
        assigning,
        waiting.map((t) => t.id),
      )
    },
    async afterIngest(outcome) {
      // Per workspace: tickets a customer opened and tickets a customer wrote on. Tickets only a machine
      // wrote on (an out-of-office, a bounce) get no rule, so a rule's reply can never answer an
      // auto-responder.
      const byWorkspace = new Map<string, { created: Set<string>; received: Set<string> }>()
      const setsOf = (workspaceId: string) => {
        const sets = byWorkspace.get(workspaceId) ?? { created: new Set<string>(), received: new Set<string>() }
        byWorkspace.set(workspaceId, sets)
        return sets
      }
      const human = outcome.ingested.filter((i) => i.message.direction === 'inbound' && !i.message.autoSubmitted)
      for (const { message, ingested } of human) {
        if (ingested.ticketCreated) setsOf(message.workspaceId).created.add(ingested.ticketId)
      }
      for (const { message, ingested } of human) {
        const sets = setsOf(message.workspaceId)
        if (!sets.created.has(ingested.ticketId)) sets.received.add(ingested.ticketId)
      }
      // The ingest transaction wrote the scores and due times (settle-ingested-tickets.ts): what is left
      // is the rules, and a run without any would only read the tickets again.
      for (const [workspaceId, sets] of byWorkspace) {
        const created = await rulesFor(workspaceId, 'ticket_created')
        // New live chats not announced by the ingest (settle-ingested-tickets.ts) are announced by this run.
        const chats = created.some(assignsAnAgent) ? sets.created : new Set<string>()
        if (created.length) await run(workspaceId, created, [...sets.created], new Map(), 0, chats)
        const received = await rulesFor(workspaceId, 'message_received')
        if (received.length) await run(workspaceId, received, [...sets.received])
      }
    },
  }
}
