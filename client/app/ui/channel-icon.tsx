// The channel a ticket came through, as a small labelled badge.
import type { ChannelKind } from '../../../shared/schema/common.ts'

export const channelNames: Record<ChannelKind, string> = {
  whatsapp: 'WhatsApp',
  messenger: 'Messenger',
  instagram: 'Instagram',
  email: 'Email',
  chat: 'Chat',
  form: 'Form',
}

const glyphs: Record<ChannelKind, string> = { whatsapp: 'WA', messenger: 'M', instagram: 'IG', email: '@', chat: 'C', form: 'F' }

export function ChannelIcon(props: { kind: ChannelKind }) {
  return (
    <span
      class={`channel-icon channel-${props.kind}`}
      role="img"
      aria-label={channelNames[props.kind]}
      title={channelNames[props.kind]}
    >
      {glyphs[props.kind]}
    </span>
  )
}
