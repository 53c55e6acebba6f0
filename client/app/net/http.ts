// The app's HTTP client: JSON in and out with the session cookie; every answer parsed by its shared zod
// schema; failures are values of two kinds the screens tell apart: the server said no, or it was unreachable.
import type { z } from 'zod'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }
}

/** The network failed (offline, server down): the request may be tried again later. */
export class UnreachableError extends Error {}

export async function api<T extends z.ZodType>(
  schema: T,
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<z.infer<T>> {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    })
  } catch (error) {
    if (signal?.aborted) throw error
    throw new UnreachableError(`The server cannot be reached (${(error as Error).message}).`)
  }
  const text = await response.text()
  const value: unknown = text ? safeJson(text) : null
  if (!response.ok) {
    const error = (value as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error
    if (!error && response.status >= 500) throw new UnreachableError(`The server answered ${response.status}.`)
    throw new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? `HTTP ${response.status}`, error?.details)
  }
  return schema.parse(value)
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
