// Reading Meta's Graph API answers: which errors are worth another try
// (throttling, transient faults, 5xx) and which are final (window closed, bad token, bad parameter),
// and the sentence shown to the agent. Branches on the error code, never on its text.
const transientCodes = new Set([1, 2, 4, 17, 32, 613, 80007, 130429, 131056, 131057])

export interface GraphFailure {
  transient: boolean
  code: number | null
  /** For the agent: the code and Meta's own words. */
  reason: string
}

interface Envelope {
  error?: {
    message?: unknown
    code?: unknown
    error_subcode?: unknown
    is_transient?: unknown
    error_user_msg?: unknown
    error_data?: { details?: unknown }
  }
}

export function readGraphFailure(status: number, body: unknown): GraphFailure {
  const error = (body as Envelope | null)?.error
  const code = typeof error?.code === 'number' ? error.code : Number.isFinite(Number(error?.code)) ? Number(error?.code) : null
  const subcode = typeof error?.error_subcode === 'number' ? error.error_subcode : null
  const transient = error?.is_transient === true || status >= 500 || status === 429 || (code !== null && transientCodes.has(code))
  const words = [error?.message, error?.error_data?.details ?? error?.error_user_msg].filter((w) => typeof w === 'string' && w)
  const label = code === null ? `HTTP ${status}` : subcode ? `Meta error ${code}/${subcode}` : `Meta error ${code}`
  return { transient, code, reason: words.length ? `${label}: ${words.join(' ')}` : label }
}
