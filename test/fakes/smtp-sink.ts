// A real SMTP server on 127.0.0.1 that captures every mail: the far end for outbound-email tests.
//
//   const sink = await startSmtpSink()      // sink.url is smtp://user:pass@127.0.0.1:PORT (any credentials work)
//   startTestServer({ SMTP_URL: sink.url })
//   const [mail] = await sink.waitFor(1)    // { envelope: {from, to}, raw, parsed, auth }
//   sink.failNext(2, 451)                   // the next two mails are refused with 451 (temporary)
//   sink.failNext(1, 550, 'No such user')   // the next mail is refused with 550 (permanent)
//   sink.refused                            // what was refused: { envelope, code }
//   sink.reset(); await sink.close()
//
// Refusals are answered at the end of DATA, as a real server refuses a message. No TLS; AUTH PLAIN and
// LOGIN are offered in clear (loopback only) and every username and password is accepted and recorded.
import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer, type SMTPServerSession } from 'smtp-server'

export interface SinkEnvelope {
  from: string
  to: string[]
}

export interface CapturedMail {
  envelope: SinkEnvelope
  raw: Buffer
  parsed: ParsedMail
  /** The credentials the client signed in with, or null. */
  auth: { username: string; password: string } | null
}

export interface SmtpSink {
  port: number
  /** smtp://user:pass@127.0.0.1:PORT, ready for SMTP_URL. */
  url: string
  mails: CapturedMail[]
  refused: { envelope: SinkEnvelope; code: number }[]
  /** The next `count` mails are refused with `code` (4xx temporary, 5xx permanent). */
  failNext(count: number, code: number, message?: string): void
  /** Resolves with the captured mails once there are at least `count`. */
  waitFor(count: number, timeoutMs?: number): Promise<CapturedMail[]>
  reset(): void
  close(): Promise<void>
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: CapturedMail[] = []
  const refused: SmtpSink['refused'] = []
  const failures: { code: number; message: string }[] = []
  const waiters = new Set<() => void>()

  const envelopeOf = (session: SMTPServerSession): SinkEnvelope => ({
    from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    to: session.envelope.rcptTo.map((r) => r.address),
  })

  const server = new SMTPServer({
    secure: false,
    allowInsecureAuth: true,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: { username: auth.username ?? '', password: auth.password ?? '' } })
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.once('end', async () => {
        const failure = failures.shift()
        if (failure) {
          refused.push({ envelope: envelopeOf(session), code: failure.code })
          callback(Object.assign(new Error(failure.message), { responseCode: failure.code }))
          return
        }
        const raw = Buffer.concat(chunks)
        mails.push({ envelope: envelopeOf(session), raw, parsed: await simpleParser(raw), auth: session.user ?? null })
        for (const wake of waiters) wake()
        callback(null, 'Captured')
      })
    },
  })
  server.on('error', () => {}) // a client hanging up is no failure of the sink
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port)),
  )

  return {
    port,
    url: `smtp://user:pass@127.0.0.1:${port}`,
    mails,
    refused,
    failNext(count, code, message = code < 500 ? 'Try again later' : 'Refused') {
      for (let i = 0; i < count; i++) failures.push({ code, message })
    },
    waitFor(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (mails.length < count) return
          waiters.delete(check)
          clearTimeout(timer)
          resolve([...mails])
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`the SMTP sink has ${mails.length} mails, not ${count}, after ${timeoutMs} ms`))
        }, timeoutMs)
        waiters.add(check)
        check()
      })
    },
    reset() {
      mails.length = 0
      refused.length = 0
      failures.length = 0
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
