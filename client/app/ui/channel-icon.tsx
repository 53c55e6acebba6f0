// The channel a ticket came through, as a small icon in the channel's colour, named for screen readers.
// Inline SVG (the Content-Security-Policy allows no image hosts, and a letter is no icon an agent knows).
import type { JSX } from 'solid-js'
import type { ChannelKind } from '../../../shared/schema/common.ts'

export const channelNames: Record<ChannelKind, string> = {
  whatsapp: 'WhatsApp',
  messenger: 'Messenger',
  instagram: 'Instagram',
  email: 'Email',
  chat: 'Chat',
  form: 'Form',
}

// Drawn on a 24-unit square in the current colour (white on the channel's colour).
const stroke = {
  fill: 'none',
  stroke: 'currentColor',
  'stroke-width': 2,
  'stroke-linejoin': 'round',
  'stroke-linecap': 'round',
} as const
const shapes: Record<ChannelKind, () => JSX.Element> = {
  whatsapp: () => (
    <>
      <path {...stroke} d="M12 3.5a8.5 8.5 0 0 0-7.3 12.8L3.5 20.5l4.3-1.1A8.5 8.5 0 1 0 12 3.5z" />
      <path
        fill="currentColor"
        d="M9 7.8c.4 0 .6.1.8.5l.7 1.6c.1.3 0 .6-.2.8l-.6.6a6 6 0 0 0 2.9 2.9l.6-.6c.2-.2.5-.3.8-.2l1.6.7c.4.2.5.4.5.8 0 1-.9 1.8-2 1.8A6.9 6.9 0 0 1 7.2 9.8c0-1.1.8-2 1.8-2z"
      />
    </>
  ),
  messenger: () => (
    <>
      <path
        {...stroke}
        d="M12 3.5c-4.8 0-8.5 3.5-8.5 8 0 2.4 1 4.5 2.8 6v3l2.8-1.5c.9.3 1.9.5 2.9.5 4.8 0 8.5-3.5 8.5-8s-3.7-8-8.5-8z"
      />
      <path fill="currentColor" d="M6.8 14.3 10.5 10l2.2 2 4.5-2.3-3.7 4.3-2.2-2z" />
    </>
  ),
  instagram: () => (
    <>
      <rect {...stroke} x="4" y="4" width="16" height="16" rx="4.5" />
      <circle {...stroke} cx="12" cy="12" r="3.6" />
      <circle fill="currentColor" cx="16.6" cy="7.4" r="1.1" />
    </>
  ),
  email: () => (
    <>
      <rect {...stroke} x="3.5" y="5.5" width="17" height="13" rx="1.5" />
      <path {...stroke} d="m4 7 8 6 8-6" />
    </>
  ),
  chat: () => (
    <>
      <path {...stroke} d="M4 5.5h16v10.5h-9l-4.5 3.5V16H4z" />
      <circle fill="currentColor" cx="8.5" cy="10.8" r="1.1" />
      <circle fill="currentColor" cx="12" cy="10.8" r="1.1" />
      <circle fill="currentColor" cx="15.5" cy="10.8" r="1.1" />
    </>
  ),
  form: () => (
    <>
      <path {...stroke} d="M6 3.5h9l3.5 3.5v13.5H6z" />
      <path {...stroke} d="M9 10h6.5M9 13.5h6.5M9 17h4" />
    </>
  ),
}

export function ChannelIcon(props: { kind: ChannelKind }) {
  return (
    <svg
      class={`channel-icon channel-${props.kind}`}
      viewBox="-3 -3 30 30"
      role="img"
      aria-label={channelNames[props.kind]}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title>{channelNames[props.kind]}</title>
      {shapes[props.kind]()}
    </svg>
  )
}
