// The embeddable live-chat widget: `<script src="https://helpdesk.example/widget.js" data-channel="ID" async>`
// on any page adds a chat button that talks to the helpdesk over /chat/socket. No framework, nothing
// asked of the host page; everything lives in one shadow root.
import { type ChatSocket, connectChat } from './chat-socket.ts'
import { type ChatWindow, mountChatWindow } from './chat-window.ts'
import { createConversation } from './conversation.ts'
import { createVisitorStore } from './visitor-store.ts'

const marker = '__helpdeskChat'
const retryAfterRefusalMs = 10_000
const agentTypingShownMs = 10_000

function start(script: HTMLScriptElement): void {
  const channelId = script.dataset.channel
  if (!channelId) {
    console.warn('Helpdesk chat: add data-channel="<channel id>" to the widget script tag.')
    return
  }
  const server = new URL(script.src, location.href)
  const url = `${server.protocol === 'https:' ? 'wss:' : 'ws:'}//${server.host}/chat/socket?channel=${encodeURIComponent(channelId)}`
  const store = createVisitorStore(channelId, localStorageOrNull())
  const profile = store.load()
  const conversation = createConversation(profile.readUpTo)
  let agentTypingTimer: ReturnType<typeof setTimeout> | undefined
  let everOnline = false

  const host = document.createElement('div')
  host.id = 'helpdesk-chat'
  document.body.append(host)

  const refresh = () => view.render(conversation.bubbles(), conversation.unread())
  const read = () => {
    const mark = conversation.markRead()
    if (mark) store.save({ readUpTo: mark })
  }
  const sendMessage = (clientId: string, text: string) => socket.send({ type: 'message', clientId, text })

  const view: ChatWindow = mountChatWindow(
    host,
    {
      send(text) {
        const clientId = newClientId()
        conversation.sending(clientId, text, new Date().toISOString())
        sendMessage(clientId, text)
        refresh()
      },
      typing: (typing) => socket.send({ type: 'typing', typing }),
      identify(left) {
        store.save(left)
        socket.send({ type: 'identify', ...(left.name ? { name: left.name } : {}), ...(left.email ? { email: left.email } : {}) })
      },
      opened() {
        read()
        refresh()
      },
    },
    profile,
  )

  const socket: ChatSocket = connectChat({
    url,
    store,
    unsent: () => conversation.unsent().map((m) => ({ type: 'message', ...m })),
    events: {
      welcome(history) {
        everOnline = true
        conversation.welcome(history)
        if (view.isOpen()) read()
        refresh()
      },
      message(message) {
        if (!conversation.received(message)) return
        if (message.direction === 'outbound') {
          view.agentTyping(null)
          if (view.isOpen()) read()
        }
        refresh()
      },
      agentTyping(typing, name) {
        clearTimeout(agentTypingTimer)
        view.agentTyping(typing ? name : null)
        // A "typing" whose "stopped" never comes (the agent closed the tab) fades on its own.
        if (typing) agentTypingTimer = setTimeout(() => view.agentTyping(null), agentTypingShownMs)
      },
      error(error) {
        if (error.code === 'unknown_channel') view.status('Chat is not available here.')
        if (!error.clientId) return
        const final = error.code === 'too_large' || error.code === 'invalid_message'
        conversation.problem(error.clientId, final ? 'Not sent: too long.' : 'Not sent yet, trying again…', final)
        if (!final) {
          const pending = conversation.unsent().find((m) => m.clientId === error.clientId)
          if (pending) setTimeout(() => sendMessage(pending.clientId, pending.text), retryAfterRefusalMs)
        }
        refresh()
      },
      state(state) {
        if (state === 'online') view.status(null)
        else if (state === 'offline' && everOnline) view.status('Connection lost, reconnecting…')
      },
    },
  })
  window.addEventListener('online', () => socket.retryNow())
  refresh()
}

/** Random enough to be unique per visitor; crypto.randomUUID needs a secure page, this does not. */
function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

const script = (document.currentScript ??
  document.querySelector('script[data-channel][src*="widget.js"]')) as HTMLScriptElement | null
const flags = window as unknown as Record<string, boolean>
if (script && !flags[marker]) {
  flags[marker] = true
  if (document.body) start(script)
  else document.addEventListener('DOMContentLoaded', () => start(script), { once: true })
}
