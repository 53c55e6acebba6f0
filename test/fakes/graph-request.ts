// How the fake Graph API reads a request: everything is captured as sent, so tests can assert exactly
// what the helpdesk put on the wire, and the parameters are read the way Graph reads them (JSON body,
// or form fields whose values are JSON strings, or query parameters; token in the query, the form or a
// Bearer header).
import type { Context } from 'hono'

export interface CapturedRequest {
  method: string
  /** Path without the query, e.g. `/v21.0/me/messages`. */
  path: string
  query: Record<string, string>
  /** Header names in lower case. */
  headers: Record<string, string>
  /** The body parsed: a JSON value, or form fields with JSON-string values decoded; null when empty. */
  body: unknown
  rawBody: string
  /** The access token however it came (`access_token` query or form field, or Bearer header). */
  token: string | null
  /** Epoch milliseconds on the fake's clock. */
  at: number
  /** Filled once the fake has answered. */
  response?: GraphAnswer
}

/** A JSON answer of the fake: HTTP status and body. */
export interface GraphAnswer {
  status: number
  body: unknown
}

/** Reads and captures one request. */
export async function captureRequest(c: Context, at: number): Promise<CapturedRequest> {
  const url = new URL(c.req.url)
  const headers: Record<string, string> = {}
  c.req.raw.headers.forEach((value, name) => {
    headers[name] = value
  })
  const rawBody = await c.req.text()
  const body = parseBody(rawBody, headers['content-type'] ?? '')
  const query = Object.fromEntries(url.searchParams)
  const bearer = headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1]
  const formToken = isRecord(body) && typeof body.access_token === 'string' ? body.access_token : undefined
  const token = bearer ?? query.access_token ?? formToken ?? null
  return { method: c.req.method, path: url.pathname, query, headers, body, rawBody, token, at }
}

/** The call's parameters as Graph merges them: query string, then body fields (the token left out). */
export function requestParams(request: CapturedRequest): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(request.query)) params[name] = decodeFormValue(value)
  if (isRecord(request.body)) Object.assign(params, request.body)
  delete params.access_token
  return params
}

function parseBody(raw: string, contentType: string): unknown {
  if (raw === '') return null
  if (contentType.includes('application/x-www-form-urlencoded')) {
    const fields: Record<string, unknown> = {}
    for (const [name, value] of new URLSearchParams(raw)) fields[name] = decodeFormValue(value)
    return fields
  }
  try {
    return JSON.parse(raw)
  } catch {
    // Not JSON: kept as text, so the sender's mistake stays visible in the capture.
    return raw
  }
}

/** Form and query values holding JSON objects or arrays (`recipient={"id":"…"}`) are decoded. */
function decodeFormValue(value: string): unknown {
  if (!/^\s*[[{]/.test(value)) return value
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
