// A 413 for a body over the limit always reaches the client: also when it asked `Expect: 100-continue`
// (the server said continue, so it sends everything) or never asked and keeps sending. The server reads
// and drops the rest before it closes, so the connection is never reset under the client's feet.
import { request } from 'node:http'
import { connect } from 'node:net'
import { expect, test } from 'vitest'
import { useTestServer } from '../support/test-server.ts'

const setup = useTestServer()
/** Over the 1 MiB limit of every API request but replies, several times. */
const bodyBytes = 4 * 1024 * 1024
const chunk = Buffer.alloc(64 * 1024, 'x')

interface Answer {
  status: number
  connection: string | undefined
  body: string
}

/** Posts `bodyBytes` as node:http does, waiting for 100 Continue when asked to; resolves with the answer. */
function postLarge(expectContinue: boolean): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${setup.server.url}/api/tickets/00000000-0000-0000-0000-000000000000/notes`)
    const req = request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': bodyBytes,
        ...(expectContinue ? { expect: '100-continue' } : {}),
      },
    })
    req.on('response', (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (text: string) => {
        body += text
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }))
      res.on('error', reject)
    })
    req.on('error', reject)
    const send = async () => {
      for (let sent = 0; sent < bodyBytes; sent += chunk.length) {
        if (req.destroyed) return
        if (!req.write(chunk)) await new Promise((drained) => req.once('drain', drained))
      }
      req.end()
    }
    if (expectContinue) req.on('continue', () => void send())
    else void send()
  })
}

test.each([
  ['after 100 Continue', true],
  ['without asking first', false],
])('a body over the limit sent %s is answered 413, and the client reads the answer', async (_name, expectContinue) => {
  for (let attempt = 0; attempt < 3; attempt++) {
    const answer = await postLarge(expectContinue)
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.body).error.code).toBe('payload_too_large')
    expect(answer.connection).toBe('close')
  }
})

test('a client that reads nothing until it has sent everything still finds the 413 waiting', async () => {
  const url = new URL(setup.server.url)
  const socket = connect({ host: url.hostname, port: Number(url.port) })
  let failed: Error | null = null
  socket.on('error', (error) => {
    failed = error
  })
  await new Promise((connected) => socket.once('connect', connected))
  // Nothing is read while sending: a reset from the server would throw the answer away.
  socket.pause()
  socket.write(
    `POST /api/tickets/00000000-0000-0000-0000-000000000000/notes HTTP/1.1\r\nHost: ${url.host}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${bodyBytes}\r\n\r\n`,
  )
  for (let sent = 0; sent < bodyBytes && !failed; sent += chunk.length) {
    if (!socket.write(chunk)) await new Promise((drained) => socket.once('drain', drained).once('close', drained))
  }
  expect(failed).toBeNull()
  const answer = await new Promise<string>((resolve, reject) => {
    let text = ''
    socket.on('data', (data: Buffer) => {
      text += data.toString('latin1')
    })
    socket.on('end', () => resolve(text))
    socket.on('error', reject)
    socket.resume()
  })
  expect(answer).toMatch(/^HTTP\/1\.1 413 /)
  expect(answer).toContain('payload_too_large')
})
