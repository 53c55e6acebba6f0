// The web form: a submission arrives at /webhooks/form/:channelId. A form cannot carry a reply, so the
// customer is answered by email, to the address the form gave, through the workspace's mailbox; with no
// email channel the reply is refused.
import type { ChannelAdapter } from '../channel.ts'
import { planReplyByEmail } from '../email/plan-email-reply.ts'
import { notThisChannel } from '../send-outcome.ts'
import { type FormDelivery, normaliseForm } from './form-normalise.ts'

export const formAdapter = {
  kind: 'form',
  carries: { templates: false, files: true },
  normalise: normaliseForm,
  planReply: planReplyByEmail,
  // Replies leave through the mailbox the plan chose, so nothing is ever sent through a form channel.
  send: async (request) => notThisChannel('form', request),
} satisfies ChannelAdapter<FormDelivery>
