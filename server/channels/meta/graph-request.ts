// The Graph API call for an outbound request, exactly as Meta documents it:
// pure, so tests can compare it with the documentation.
import type { OutboundRequest } from '../outbound-request.ts'

export interface GraphCall {
  path: string
  /** Sent as `Authorization: Bearer`, never in the URL, where proxies and access logs would keep it. */
  token: string
  json?: Record<string, unknown>
  query?: Record<string, string>
}

export interface MetaChannelSecrets {
  kind: 'messenger' | 'instagram' | 'whatsapp'
  config: Record<string, unknown>
  token: string
}

export function graphCallFor(request: OutboundRequest, channel: MetaChannelSecrets, version: string): GraphCall {
  switch (request.type) {
    case 'dm':
      return {
        path: `/${version}/me/messages`,
        token: channel.token,
        json: {
          recipient: { id: request.recipientId },
          ...(request.mode === 'response'
            ? { messaging_type: 'RESPONSE' }
            : { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }),
          // Instagram's send API takes no metadata; Messenger returns it in the echo.
          message: channel.kind === 'messenger' ? { text: request.text, metadata: request.metadata } : { text: request.text },
        },
      }
    case 'private_reply':
      // Meta's Private Replies API: POST /{page-id}/messages naming the comment (Instagram's too, through
      // the Page its account is linked to).
      return {
        path: `/${version}/${encodeURIComponent(String(channel.config.pageId))}/messages`,
        token: channel.token,
        json: { recipient: { comment_id: request.commentId }, message: { text: request.text } },
      }
    case 'comment_reply':
      // Instagram answers under a comment with /replies; a Facebook Page comment with /comments.
      return {
        path: `/${version}/${encodeURIComponent(request.commentId)}/${channel.kind === 'instagram' ? 'replies' : 'comments'}`,
        token: channel.token,
        json: { message: request.text },
      }
    case 'email':
    case 'chat':
      throw new Error(`A ${request.type} request is not a Graph API call`)
    case 'whatsapp':
      return {
        path: `/${version}/${encodeURIComponent(String(channel.config.phoneNumberId))}/messages`,
        token: channel.token,
        json: whatsappBody(request),
      }
  }
}

function whatsappBody(request: Extract<OutboundRequest, { type: 'whatsapp' }>): Record<string, unknown> {
  const base = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: request.to,
    ...(request.replyTo ? { context: { message_id: request.replyTo } } : {}),
  }
  if (request.template) {
    const { name, language, params } = request.template
    return {
      ...base,
      type: 'template',
      template: {
        name,
        language: { code: language },
        ...(params.length ? { components: [{ type: 'body', parameters: params.map((text) => ({ type: 'text', text })) }] } : {}),
      },
    }
  }
  return { ...base, type: 'text', text: { preview_url: false, body: request.text ?? '' } }
}
