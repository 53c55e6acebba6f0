// The web-form channel's normaliser: a submission is one customer message; its email and phone join the
// contact. Pure.
import { createHash } from 'node:crypto'
import type { Identity } from '../../../shared/schema/contact.ts'
import type { FormSubmission } from '../../../shared/schema/form.ts'
import { type ChannelRef, type InboundMessage, inboundMessage } from '../inbound-message.ts'

export interface FormDelivery {
  submission: FormSubmission
  /** The Idempotency-Key header, when the page sent one. */
  idempotencyKey: string | null
}

/** Without a key, the same text from the same email within ten minutes is one submission (a double click). */
function externalIdOf(delivery: FormDelivery, receivedAt: Date): string {
  if (delivery.idempotencyKey) return `key:${delivery.idempotencyKey}`
  const { email, subject, message } = delivery.submission
  const bucket = Math.floor(receivedAt.getTime() / 600_000)
  return `hash:${createHash('sha256')
    .update(JSON.stringify([email, subject ?? '', message, bucket]))
    .digest('hex')}`
}

export function normaliseForm(delivery: FormDelivery, channel: ChannelRef, receivedAt: Date): InboundMessage[] {
  const { submission } = delivery
  const identities: Identity[] = [{ kind: 'email', value: submission.email }]
  if (submission.phone) identities.push({ kind: 'phone', value: submission.phone })
  const firstLine = submission.message.split('\n')[0]!.slice(0, 120)
  return [
    inboundMessage({
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      channelKind: 'form',
      externalId: externalIdOf(delivery, receivedAt),
      sentAt: receivedAt.toISOString(),
      contact: { name: submission.name, identities },
      subject: submission.subject || firstLine,
      body: submission.message,
      raw: submission,
    }),
  ]
}
