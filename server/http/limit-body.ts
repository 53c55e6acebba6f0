// Refuses bodies over a size with 413 before they are read whole (at once when Content-Length says so).
// The 413 must reach the client, which may still be sending: it was told 100 Continue, or never asked.
// Closing the connection while its body still arrives makes the kernel answer the rest with a reset,
// and a reset can throw the 413 away before the client read it. So the answer is sent at once, the rest
// of the body is read and dropped, and only then does the answer end and the connection close. A client
// that keeps sending past generous bounds, or stalls, is cut off.
import type { Context, MiddlewareHandler } from 'hono'
import type { ErrorBody } from '../../shared/errors.ts'

const maxDiscardBytes = 64 * 1024 * 1024
const maxLingerMs = 60_000

export function limitBody(maxBytes: number): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body
    if (!body) return next()
    const declared = c.req.header('content-length')
    if (declared !== undefined && !c.req.header('transfer-encoding')) {
      return Number(declared) > maxBytes ? refuse(c, maxBytes, body.getReader()) : next()
    }
    // No length given (chunked): the body is counted as it comes, and kept for the handler.
    const reader = body.getReader()
    const chunks: Uint8Array[] = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.length
      if (size > maxBytes) return refuse(c, maxBytes, reader)
      chunks.push(value)
    }
    c.req.raw = new Request(c.req.raw, { body: Buffer.concat(chunks) })
    return next()
  }
}

function refuse(c: Context, maxBytes: number, rest: ReadableStreamDefaultReader<Uint8Array>): Response {
  const error: ErrorBody = { error: { code: 'payload_too_large', message: `The body is larger than ${maxBytes} bytes.` } }
  const bytes = new TextEncoder().encode(JSON.stringify(error))
  const answer = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes)
      void discard(rest).then(() => {
        try {
          controller.close()
        } catch {
          // The client went away first; nothing is left to end.
        }
      })
    },
  })
  return c.body(answer, 413, {
    'content-type': 'application/json',
    'content-length': String(bytes.length),
    // The rest of the body is dropped, not parsed: the connection cannot carry another request.
    connection: 'close',
  })
}

/** Reads the rest of the body and drops it; past the bounds it stops reading, which cuts the connection. */
async function discard(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const timer = setTimeout(() => void reader.cancel().catch(() => {}), maxLingerMs)
  timer.unref()
  try {
    for (let read = 0; read <= maxDiscardBytes; ) {
      const { done, value } = await reader.read()
      if (done) return
      read += value.length
    }
    await reader.cancel()
  } catch {
    // Cancelled by the timer, or the client closed the connection: either way nothing is left to read.
  } finally {
    clearTimeout(timer)
  }
}
