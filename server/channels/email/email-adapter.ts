// Email: mail arrives over SMTP (smtp-listener.ts) or the HTTP webhook and is routed by address; a reply
// answers the customer's last mail, threaded, with the ticket's files, and leaves through SMTP_URL.
import type { ChannelAdapter } from '../channel.ts'
import { notThisChannel } from '../send-outcome.ts'
import { planReplyByEmail } from './plan-email-reply.ts'
import { storedFiles } from './stored-files.ts'

export const emailAdapter = {
  kind: 'email',
  carries: { templates: false, files: true },
  planReply: planReplyByEmail,
  async send(request, _target, deps) {
    if (request.type !== 'email') return notThisChannel('email', request)
    return deps.email(request, await storedFiles(deps.db, request.attachmentIds))
  },
} satisfies ChannelAdapter
