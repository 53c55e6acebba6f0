// Meta's Graph error envelope and the errors the fake can be told to answer.
// Presets carry the HTTP status Meta tends to use, but the helpdesk must branch on `code`, so several
// statuses appear on purpose (400, 401, 429, 503).
import type { z } from 'zod'
import type { GraphAnswer } from './graph-request.ts'
import { fbtraceId } from './meta-ids.ts'

/** The object inside `{"error": …}`. WhatsApp adds `error_data` and prefixes the message with `(#code)`. */
export interface GraphError {
  message: string
  type: string
  code: number
  error_subcode?: number
  error_data?: { messaging_product?: 'whatsapp'; details: string }
  error_user_title?: string
  error_user_msg?: string
  is_transient?: boolean
  fbtrace_id?: string
}

/** What the fake answers instead of the real thing: an HTTP status and the envelope's error. */
export interface GraphErrorAnswer {
  status: number
  error: GraphError
}

/** The body Meta sends: `{error: {...}}`, with a fresh `fbtrace_id` unless one is given. */
export function graphErrorBody(error: GraphError): { error: GraphError } {
  return { error: { ...error, fbtrace_id: error.fbtrace_id ?? fbtraceId() } }
}

/** The answer for an error: its status and the envelope. */
export function errorAnswer({ status, error }: GraphErrorAnswer): GraphAnswer {
  return { status, body: graphErrorBody(error) }
}

const whatsapp = (details: string) => ({ messaging_product: 'whatsapp' as const, details })

export const graphErrors = {
  /** 190: invalid or expired token (subcode 463 = expired). */
  expiredToken: {
    status: 401,
    error: {
      message: 'Error validating access token: Session has expired. The current time is later than the expiry time.',
      type: 'OAuthException',
      code: 190,
      error_subcode: 463,
    },
  },
  /** 4: application request limit reached. */
  appRateLimit: {
    status: 400,
    error: { message: '(#4) Application request limit reached', type: 'OAuthException', code: 4, is_transient: true },
  },
  /** 613: Messenger call rate limit. */
  pageRateLimit: {
    status: 400,
    error: { message: '(#613) Calls to this api have exceeded the rate limit.', type: 'OAuthException', code: 613 },
  },
  /** 130429: WhatsApp throughput (messages per second) limit. */
  whatsappThroughput: {
    status: 429,
    error: {
      message: '(#130429) Rate limit hit',
      type: 'OAuthException',
      code: 130429,
      error_data: whatsapp('Cloud API message throughput has been reached.'),
    },
  },
  /** 131056: WhatsApp pair rate limit (too many messages to the same user). */
  whatsappPairRateLimit: {
    status: 400,
    error: {
      message: '(#131056) (Business Account, Consumer Account) pair rate limit hit',
      type: 'OAuthException',
      code: 131056,
      error_data: whatsapp(
        'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.',
      ),
    },
  },
  /** 2: service temporarily unavailable (transient). */
  temporarilyUnavailable: {
    status: 503,
    error: { message: '(#2) Service temporarily unavailable', type: 'OAuthException', code: 2, is_transient: true },
  },
  /** 131026: WhatsApp message undeliverable (not on WhatsApp, old client, blocked…). */
  whatsappUndeliverable: {
    status: 400,
    error: {
      message: '(#131026) Message Undeliverable',
      type: 'OAuthException',
      code: 131026,
      error_data: whatsapp('Message failed to send because the recipient is not a WhatsApp user or cannot receive it.'),
    },
  },
  /** 100: invalid parameter. */
  invalidParameter: {
    status: 400,
    error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100 },
  },
  /** 10 / 2018278: Messenger send outside the 24 h window. */
  messengerOutsideWindow: {
    status: 400,
    error: {
      message: '(#10) This message is sent outside of allowed window.',
      type: 'OAuthException',
      code: 10,
      error_subcode: 2018278,
    },
  },
  /** 10 / 2534022: Instagram send outside the 24 h window. */
  instagramOutsideWindow: {
    status: 400,
    error: {
      message: '(#10) This message is sent outside of allowed window.',
      type: 'OAuthException',
      code: 10,
      error_subcode: 2534022,
    },
  },
  /** 100 / 2534025: the comment's one private reply was already used. */
  privateReplyUsed: {
    status: 400,
    error: {
      message: '(#100) The comment is invalid for a private reply',
      type: 'OAuthException',
      code: 100,
      error_subcode: 2534025,
    },
  },
  /** 131047: WhatsApp free-form message more than 24 h after the customer's last message. */
  whatsappReEngagement: {
    status: 400,
    error: {
      message: '(#131047) Re-engagement message',
      type: 'OAuthException',
      code: 131047,
      error_data: whatsapp(
        'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
      ),
    },
  },
} satisfies Record<string, GraphErrorAnswer>

/** A request without any token. Meta's own answer is code 104; the helpdesk contract treats it as 190. */
export const missingToken: GraphErrorAnswer = {
  status: 401,
  error: { message: 'An access token is required to request this resource.', type: 'OAuthException', code: 190 },
}

/** A token the fake was told not to accept. */
export const invalidToken: GraphErrorAnswer = {
  status: 401,
  error: { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 },
}

/** Code 100 for the first problem zod found in a send body (parsed with `reportInput`), worded as Graph does. */
export function invalidParameter(issues: z.core.$ZodIssue[], product: 'whatsapp' | 'messenger'): GraphErrorAnswer {
  const issue = issues[0]
  const path = issue?.path.join('.') || 'body'
  const missing = issue !== undefined && issue.code !== 'custom' && issue.input === undefined
  return parameterError(missing ? `The parameter ${path} is required.` : `Param ${path} is invalid: ${issue?.message}`, product)
}

/** Code 100 with Graph's `(#100)` prefix; WhatsApp also repeats the text in `error_data.details`. */
export function parameterError(problem: string, product: 'whatsapp' | 'messenger'): GraphErrorAnswer {
  const error: GraphError = { message: `(#100) ${problem}`, type: 'OAuthException', code: 100 }
  if (product === 'whatsapp') error.error_data = whatsapp(problem)
  return { status: 400, error }
}

/** Graph's answer to a path it does not serve. */
export function unknownPath(path: string): GraphErrorAnswer {
  return { status: 400, error: { message: `Unknown path components: ${path}`, type: 'OAuthException', code: 2500 } }
}
