// Sends outbound mail through SMTP_URL with nodemailer: From the channel's address, our Message-ID
// (kept as the message's external id, so the customer's answer threads by In-Reply-To), In-Reply-To and
// References, plain and HTML parts, and Auto-Submitted on automatic mails. A 4xx answer or an unreachable
// server is worth another try; a 5xx is final and its text shown to the agent.
import type { Transporter } from 'nodemailer'
import type { OutboundRequest } from '../outbound-request.ts'
import type { SendOutcome } from '../send-outcome.ts'

export interface OutgoingAttachment {
  filename: string
  contentType: string
  content: Buffer
}

export type EmailSender = (
  request: Extract<OutboundRequest, { type: 'email' }>,
  attachments?: readonly OutgoingAttachment[],
) => Promise<SendOutcome>

export function createEmailSender(smtpUrl: string | undefined): EmailSender {
  // nodemailer is loaded at the first send, not at start-up: most starts send no mail for a while.
  let transport: Promise<Transporter> | null = null
  const transportFor = (url: string) => {
    transport ??= import('nodemailer').then((nodemailer) => nodemailer.default.createTransport(url))
    return transport
  }
  return async (request, attachments = []) => {
    if (!smtpUrl) return { ok: false, transient: false, reason: 'Outbound email is not set up: set SMTP_URL.' }
    try {
      await (await transportFor(smtpUrl)).sendMail({
        from: { address: request.from.address, name: request.from.name ?? '' },
        to: request.to,
        ...(request.cc.length ? { cc: request.cc } : {}),
        subject: request.subject,
        text: request.text,
        ...(request.html ? { html: request.html } : {}),
        messageId: request.messageId,
        ...(request.inReplyTo ? { inReplyTo: request.inReplyTo } : {}),
        ...(request.references.length ? { references: request.references } : {}),
        attachments: attachments.map((a) => ({ ...a })),
        headers: request.automatic ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } : {},
      })
      return { ok: true, externalId: request.messageId }
    } catch (error) {
      const { responseCode, response, code } = error as { responseCode?: number; response?: string; code?: string }
      if (responseCode && responseCode >= 500)
        return { ok: false, transient: false, reason: `The mail server refused it: ${response ?? responseCode}` }
      return { ok: false, transient: true, reason: `The mail server did not take it yet: ${response ?? code ?? String(error)}` }
    }
  }
}
