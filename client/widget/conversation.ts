// The widget's view of the conversation, without any DOM: what the server sent (welcome history, live
// messages) merged with what the visitor is still sending, and how many answers are unread. A message is
// known by its id once stored and by its clientId before, so an echo or a resend never shows twice.
import type { ChatEntry, ChatMessage } from '../../shared/protocol/chat.ts'

export interface Bubble {
  id: string | null
  clientId: string | null
  direction: 'inbound' | 'outbound'
  text: string
  at: string
  authorName: string | null
  state: 'sending' | 'sent' | 'failed'
  /** Why it is not sent yet, or failed: shown under the bubble. */
  problem: string | null
}

export interface Conversation {
  bubbles(): readonly Bubble[]
  /** Answers newer than `readUpTo`, the last one the visitor had the panel open for. */
  unread(): number
  welcome(history: readonly ChatEntry[]): void
  sending(clientId: string, text: string, at: string): void
  /** A message from the server; false when it was known already. */
  received(message: ChatMessage): boolean
  problem(clientId: string, problem: string, final: boolean): void
  /** Unsent messages, oldest first, to send (again) after a reconnect. */
  unsent(): { clientId: string; text: string }[]
  markRead(): string | null
}

export function createConversation(readUpTo: string | null): Conversation {
  let list: Bubble[] = []
  let readMark = readUpTo

  const fromServer = (entry: ChatEntry, clientId: string | null = null): Bubble => ({
    ...entry,
    clientId,
    state: 'sent',
    problem: null,
  })
  const lastAnswer = () => list.findLast((b) => b.direction === 'outbound' && b.state === 'sent')?.at ?? null

  return {
    bubbles: () => list,
    unread: () => list.filter((b) => b.direction === 'outbound' && (readMark === null || b.at > readMark)).length,
    welcome(history) {
      const stored = new Set(history.map((entry) => entry.id))
      const waiting = list.filter((b) => b.state !== 'sent' && !(b.id && stored.has(b.id)))
      list = [...history.map((entry) => fromServer(entry)), ...waiting]
    },
    sending(clientId, text, at) {
      list.push({ id: null, clientId, direction: 'inbound', text, at, authorName: null, state: 'sending', problem: null })
    },
    received(message) {
      if (list.some((b) => b.id === message.id)) return false
      const { type: _type, clientId, ...entry } = message
      const mine = clientId ? list.findIndex((b) => b.clientId === clientId) : -1
      if (mine >= 0) list[mine] = fromServer(entry, clientId ?? null)
      else list.push(fromServer(entry, clientId ?? null))
      return true
    },
    problem(clientId, problem, final) {
      const bubble = list.find((b) => b.clientId === clientId && b.state !== 'sent')
      if (!bubble) return
      bubble.problem = problem
      if (final) bubble.state = 'failed'
    },
    unsent: () => list.filter((b) => b.state === 'sending' && b.clientId).map((b) => ({ clientId: b.clientId!, text: b.text })),
    markRead() {
      readMark = lastAnswer() ?? readMark
      return readMark
    },
  }
}
