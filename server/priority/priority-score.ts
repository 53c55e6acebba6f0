// The priority score of a ticket (higher is more urgent), from configurable factors (PRIORITY_WEIGHTS):
// the set priority, urgency or complaint words, negative sentiment, customer value (the VIP tag), social
// reach (followers, where the channel gives them), time the customer has waited, and a reply window
// about to close (WhatsApp, Messenger). Pure.
import { z } from 'zod'
import { containsPhrase, phraseTokens } from '../language/word-match.ts'
import { urgencyWords } from './urgency-words.ts'

export const priorityWeightsSchema = z
  .object({
    priority: z.number().min(0).max(1000).default(10),
    urgency: z.number().min(0).max(1000).default(25),
    negativeSentiment: z.number().min(0).max(1000).default(15),
    vip: z.number().min(0).max(1000).default(20),
    socialReach: z.number().min(0).max(1000).default(3),
    waitingPerHour: z.number().min(0).max(1000).default(1),
    /** A WhatsApp or Messenger reply window about to close: to the top of the inbox. */
    replyWindowClosing: z.number().min(0).max(100_000).default(1000),
  })
  .strict()
export type PriorityWeights = z.infer<typeof priorityWeightsSchema>

const priorityLevel = { low: 0, normal: 1, high: 3, urgent: 5 } as const
const urgent = urgencyWords.map(phraseTokens)

export function hasUrgencyWord(tokens: ReadonlySet<string>): boolean {
  return urgent.some((p) => containsPhrase(tokens, p))
}

export interface PriorityFactors {
  priority: keyof typeof priorityLevel
  urgent: boolean
  sentiment: number
  tags: readonly string[]
  followers: number | null
  waitingMinutes: number
  replyWindowClosing: boolean
}

export function priorityScore(weights: PriorityWeights, f: PriorityFactors): number {
  const score =
    weights.priority * priorityLevel[f.priority] +
    (f.urgent ? weights.urgency : 0) +
    weights.negativeSentiment * Math.max(0, -f.sentiment) +
    (f.tags.some((t) => t.toLowerCase() === 'vip') ? weights.vip : 0) +
    weights.socialReach * Math.log10(1 + Math.max(0, f.followers ?? 0)) +
    weights.waitingPerHour * Math.min(72, Math.max(0, f.waitingMinutes) / 60) +
    (f.replyWindowClosing ? weights.replyWindowClosing : 0)
  return Math.round(score * 100) / 100
}
