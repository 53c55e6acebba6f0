// The priority score of a ticket as the rules left it: the customer's last message, how long they have
// waited on us, and whether a WhatsApp or Messenger reply window is in its last two hours.
import { messageTokens } from '../language/word-match.ts'
import { hasUrgencyWord, type PriorityWeights, priorityScore } from '../priority/priority-score.ts'
import { sentimentOf } from '../priority/sentiment.ts'
import type { TicketState } from '../sla/ticket-state.ts'

const windowClosingAfterMinutes = 22 * 60
const windowMinutes = 24 * 60

export function ticketScore(weights: PriorityWeights, state: TicketState, now: Date): number {
  const tokens = messageTokens(state.lastCustomerText)
  const waitingOnUs =
    state.lastCustomerMessageAt !== null &&
    (state.lastAgentReplyAt === null || state.lastAgentReplyAt < state.lastCustomerMessageAt)
  const waitingMinutes = waitingOnUs ? (now.getTime() - state.lastCustomerMessageAt!.getTime()) / 60_000 : 0
  const windowed = state.channelKind === 'whatsapp' || state.channelKind === 'messenger'
  return priorityScore(weights, {
    priority: state.priority,
    urgent: hasUrgencyWord(tokens),
    sentiment: sentimentOf(tokens),
    tags: state.tags,
    // No channel gives a follower count yet; the factor is ready for the first that does.
    followers: null,
    waitingMinutes,
    replyWindowClosing: windowed && waitingMinutes >= windowClosingAfterMinutes && waitingMinutes < windowMinutes,
  })
}
