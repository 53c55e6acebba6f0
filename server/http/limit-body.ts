// Refuses bodies over a size with 413 before they are read whole.
import { bodyLimit } from 'hono/body-limit'
import { AppError } from '../../shared/errors.ts'

export function limitBody(maxBytes: number) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      // The rest of the body is never read, so the connection cannot carry another request: say so.
      c.header('Connection', 'close')
      throw new AppError('payload_too_large', `The body is larger than ${maxBytes} bytes.`)
    },
  })
}
