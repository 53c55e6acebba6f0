// The one list of channels: each kind and the adapter that is its place. The outbound planner and the
// outbox's sender look adapters up here, never by testing a kind. A new channel is a folder under
// channels/ with its adapter, and a line here (its kind and config are wire types in shared/schema).
import type { ChannelKind } from '../../shared/schema/common.ts'
import type { ChannelAdapter } from './channel.ts'
import { chatAdapter } from './chat/chat-adapter.ts'
import { emailAdapter } from './email/email-adapter.ts'
import { formAdapter } from './form/form-adapter.ts'
import { instagramAdapter, messengerAdapter } from './meta/meta-adapter.ts'
import { whatsappAdapter } from './whatsapp/whatsapp-adapter.ts'

export const channelAdapters: { readonly [Kind in ChannelKind]: ChannelAdapter & { readonly kind: Kind } } = {
  messenger: messengerAdapter,
  instagram: instagramAdapter,
  whatsapp: whatsappAdapter,
  email: emailAdapter,
  chat: chatAdapter,
  form: formAdapter,
}
