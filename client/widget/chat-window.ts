// The chat window, in plain DOM inside a shadow root: a launcher button with an unread badge, and a
// panel with the conversation, "… is typing", an optional name and email form, and the message box.
// Text is only ever set as textContent, so nothing a visitor or an agent writes can become markup.
import type { Bubble } from './conversation.ts'
import { widgetStyles } from './widget-styles.ts'

export interface ChatWindowHandlers {
  send(text: string): void
  typing(typing: boolean): void
  identify(profile: { name: string | null; email: string | null }): void
  opened(): void
}

export interface ChatWindow {
  render(bubbles: readonly Bubble[], unread: number): void
  agentTyping(name: string | null): void
  status(text: string | null): void
  isOpen(): boolean
}

type Attributes = Record<string, string>

function h(tag: string, attributes: Attributes = {}, ...children: (Node | string)[]): HTMLElement {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value)
  element.append(...children)
  return element
}

const chatIcon =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>'

export function mountChatWindow(
  host: HTMLElement,
  handlers: ChatWindowHandlers,
  profile: { name: string | null; email: string | null },
): ChatWindow {
  const root = host.attachShadow({ mode: 'open' })
  const style = styleSheetOf(root)

  const badge = h('span', { class: 'badge', hidden: '' })
  const launcher = h('button', { type: 'button', class: 'launcher', 'aria-label': 'Open chat', 'aria-expanded': 'false' })
  launcher.innerHTML = chatIcon
  launcher.append(badge)

  const close = h('button', { type: 'button', 'aria-label': 'Close chat' }, '×')
  const status = h('div', { class: 'status', role: 'status', hidden: '' })
  const log = h('ol', { class: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' })
  const typing = h('div', { class: 'typing', hidden: '' })

  const name = h('input', { name: 'name', autocomplete: 'name', maxlength: '200' }) as HTMLInputElement
  const email = h('input', { name: 'email', type: 'email', autocomplete: 'email', maxlength: '254' }) as HTMLInputElement
  name.value = profile.name ?? ''
  email.value = profile.email ?? ''
  const identify = h(
    'form',
    { class: 'identify' },
    h('label', {}, 'Name', name),
    h('label', {}, 'Email', email),
    h('button', { type: 'submit', class: 'primary' }, 'Save'),
  )
  const details = h(
    'details',
    {},
    h('summary', {}, 'Leave your email so we can answer you later'),
    identify,
  ) as HTMLDetailsElement

  const text = h('textarea', { id: 'hc-message', rows: '1', maxlength: '4000' }) as HTMLTextAreaElement
  const send = h('button', { type: 'submit', class: 'primary' }, 'Send') as HTMLButtonElement
  const compose = h(
    'form',
    { class: 'compose' },
    h('label', { for: 'hc-message', class: 'visually-hidden' }, 'Message'),
    text,
    send,
  )
  const panel = h(
    'section',
    { class: 'panel', role: 'dialog', 'aria-label': 'Chat with us', hidden: '' },
    h('header', {}, h('span', {}, 'Chat with us'), close),
    status,
    log,
    typing,
    details,
    compose,
  )
  root.append(style, h('div', { class: 'hc' }, panel, launcher))

  const setOpen = (open: boolean) => {
    panel.toggleAttribute('hidden', !open)
    launcher.setAttribute('aria-expanded', String(open))
    launcher.setAttribute('aria-label', open ? 'Close chat' : 'Open chat')
    if (open) {
      handlers.opened()
      text.focus()
      log.scrollTop = log.scrollHeight
    }
  }
  launcher.addEventListener('click', () => setOpen(panel.hidden))
  close.addEventListener('click', () => setOpen(false))

  // "Typing" is sent when the visitor starts, and "stopped" after a pause or on send.
  let typingTimer: ReturnType<typeof setTimeout> | null = null
  const stopTyping = () => {
    if (!typingTimer) return
    clearTimeout(typingTimer)
    typingTimer = null
    handlers.typing(false)
  }
  text.addEventListener('input', () => {
    if (!typingTimer) handlers.typing(true)
    else clearTimeout(typingTimer)
    typingTimer = setTimeout(stopTyping, 4_000)
  })
  const submit = () => {
    const value = text.value.trim()
    if (!value) return
    stopTyping()
    handlers.send(value)
    text.value = ''
  }
  compose.addEventListener('submit', (event) => {
    event.preventDefault()
    submit()
  })
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault()
      submit()
    }
  })
  identify.addEventListener('submit', (event) => {
    event.preventDefault()
    if (email.value && !email.checkValidity()) return email.reportValidity()
    handlers.identify({ name: name.value.trim() || null, email: email.value.trim() || null })
    details.open = false
  })

  return {
    render(bubbles, unread) {
      const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40
      log.replaceChildren(...bubbles.map(bubbleItem))
      if (atBottom) log.scrollTop = log.scrollHeight
      badge.textContent = String(unread)
      badge.toggleAttribute('hidden', unread === 0 || !panel.hidden)
    },
    agentTyping(agent) {
      typing.textContent = agent ? `${agent} is typing…` : ''
      typing.toggleAttribute('hidden', !agent)
    },
    status(message) {
      status.textContent = message ?? ''
      status.toggleAttribute('hidden', !message)
    },
    isOpen: () => !panel.hidden,
  }
}

function bubbleItem(bubble: Bubble): HTMLElement {
  const item = h('li', { class: `${bubble.direction} ${bubble.state}` })
  if (bubble.direction === 'outbound' && bubble.authorName) item.append(h('span', { class: 'who' }, bubble.authorName))
  item.append(bubble.text)
  if (bubble.problem) item.append(h('span', { class: 'problem' }, bubble.problem))
  return item
}

/**
 * The styles as a constructed style sheet, which a host page's Content-Security-Policy does not govern (a
 * <style> element needs 'unsafe-inline' or a hash there); the element only where sheets cannot be adopted.
 */
function styleSheetOf(root: ShadowRoot): HTMLElement | string {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(widgetStyles)
    root.adoptedStyleSheets = [sheet]
    return ''
  }
  const style = h('style')
  style.textContent = widgetStyles
  return style
}
