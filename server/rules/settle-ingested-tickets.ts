// The priority score and SLA due times of the tickets customers just wrote on, written inside the ingest
// transaction: what a run of the rules without rules writes, done before the commit, so a new message is
// one commit and one live push (not a second commit right after it for the score). The rules that follow
// the commit (rule-engine.ts afterIngest) run only where a workspace has rules for the event. A new live
// chat is announced here too, unless routing rules will give it to someone (they announce it then).
import type { Db } from '../db/create-db.ts'
import { newChatNotifications } from '../notifications/new-chat-notifications.ts'
import { notify } from '../notifications/notify.ts'
import type { PriorityWeights } from '../priority/priority-score.ts'
import { overdueEvents } from '../sla/overdue.ts'
import { recordSlaEvents } from '../sla/record-sla-events.ts'
import { slaDue } from '../sla/sla-due.ts'
import { loadTicketStates } from '../sla/ticket-state.ts'
import { routesNewTickets } from './routes-new-tickets.ts'
import { loadRoutingSettings, type RoutingSettings } from './routing-context.ts'
import { ticketScore } from './ticket-score.ts'
import { rowChanges, type TicketResult, writeRuleResults } from './write-rule-results.ts'

export async function settleIngestedTickets(
  db: Db,
  ticketIds: readonly string[],
  weights: PriorityWeights,
  now: Date,
  newChats: ReadonlySet<string> = new Set(),
): Promise<void> {
  if (!ticketIds.length) return
  const states = await loadTicketStates(db, ticketIds)
  const settings = new Map<string, RoutingSettings>()
  for (const workspaceId of new Set(states.map((s) => s.workspaceId))) {
    settings.set(workspaceId, await loadRoutingSettings(db, workspaceId))
  }
  const results: TicketResult[] = states.map((state) => {
    const { policies, calendars } = settings.get(state.workspaceId)!
    return {
      state,
      fired: [],
      effects: [],
      score: ticketScore(weights, state, now),
      sla: slaDue(policies, calendars, state),
      extraAudit: [],
      extraNotifications: [],
    }
  })
  const overdue = results.flatMap((r) => overdueEvents(r.state, r.sla, now))
  if (results.some(rowChanges)) await writeRuleResults(db, results, now)
  if (overdue.length) await recordSlaEvents(db, overdue, now)
  const chats = states.filter((s) => newChats.has(s.id) && s.channelKind === 'chat')
  const routed = new Set<string>()
  for (const workspaceId of new Set(chats.map((c) => c.workspaceId))) {
    if (await routesNewTickets(db, workspaceId)) routed.add(workspaceId)
  }
  const announced = chats.filter((c) => !routed.has(c.workspaceId))
  if (announced.length) await notify(db, await newChatNotifications(db, announced, now))
}
