// The closed set of error codes the API answers with, and the one error body shape.
import { z } from 'zod'

export const errorStatus = {
  invalid_input: 400,
  malformed_json: 400,
  /** A saved reply's body names a variable that does not exist (shared/saved-reply/variables.ts). */
  unknown_variable: 400,
  /** A macro names a tag that is not in the workspace's tag list. */
  unknown_tag: 400,
  /** A macro names a team, agent or saved reply that does not exist (or the caller may not see). */
  unknown_reference: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  not_signed_in: 401,
  invalid_credentials: 401,
  invalid_signature: 401,
  forbidden: 403,
  foreign_origin: 403,
  not_found: 404,
  conflict: 409,
  /** A tag of that name exists already. */
  tag_exists: 409,
  /** A rename onto the name of another tag: merge the two instead (POST /api/tags/:name/merge). */
  merge_instead: 409,
  reply_conflict: 409,
  /** Another saved reply of the same scope and language already has the shortcut. */
  shortcut_taken: 409,
  /** Removing a contact's only identity would leave a profile nobody can be recognised by again. */
  last_identity: 409,
  window_closed: 422,
  unknown_template: 422,
  channel_rule: 422,
  rate_limited: 429,
  internal: 500,
  /** Meta (or another provider) refused a call the server made for the request, or did not answer. */
  provider_error: 502,
  service_unavailable: 503,
} as const

export type ErrorCode = keyof typeof errorStatus

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
})
export type ErrorBody = z.infer<typeof errorBodySchema>

/** The one error type the server throws for expected failures; mapped to HTTP in one place. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'AppError'
  }

  get status(): (typeof errorStatus)[ErrorCode] {
    return errorStatus[this.code]
  }
}
