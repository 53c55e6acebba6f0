// The inbound SMTP listener: mail for the email channels' addresses is parsed, turned into events and
// stored durably before the 250 (one message per recipient channel). Unknown recipients get 550, a
// mail over the size limit 552, one without a sender or that cannot be parsed 550, a storage failure
// 451 (the sending server tries again later; a redelivery is stored once, by its Message-ID).
//
// No AUTH and no TLS on this port: it sits behind the organisation's MX relay (or on loopback), which
// does the internet-facing work: TLS, spam and virus checks, rate limits. Do not expose it directly.
import type { AddressInfo } from 'node:net'
import { SMTPServer, type SMTPServerDataStream, type SMTPServerError, type SMTPServerSession } from 'smtp-server'
import type { Logger } from '../../log.ts'
import type { ChannelEvent } from '../channel-event.ts'
import type { EmailChannel } from './normalise-email.ts'

export interface SmtpListenerOptions {
  host: string
  /** 0 picks a free port (tests); start() tells which. */
  port: number
  /** Largest message accepted, in bytes; advertised with SIZE. */
  maxBytes: number
  /** Recipients past this many in one transaction get 452 (the sender retries them later). */
  maxRecipients: number
  findChannelByAddress(address: string): Promise<EmailChannel | null>
  /** Stores the event durably; resolves once it is committed. */
  submit(event: ChannelEvent): Promise<unknown>
  log: Logger
  /** The server's clock: a mail's receipt time. */
  now(): Date
}

export interface SmtpListener {
  /** Listens; resolves with the port. */
  start(): Promise<number>
  /** Stops taking connections; lets transactions under way finish for a few seconds. */
  stop(): Promise<void>
}

export function createSmtpListener(options: SmtpListenerOptions): SmtpListener {
  const { maxBytes, findChannelByAddress, submit, log } = options

  async function deliver(raw: Buffer, session: SMTPServerSession): Promise<string> {
    const receivedAt = options.now()
    const recipients = session.envelope.rcptTo.map((r) => r.address)
    const found = await Promise.all(recipients.map((address) => findChannelByAddress(address)))
    const channels = [...new Map(found.flatMap((c) => (c ? [[c.id, c] as const] : []))).values()]
    if (!channels.length) throw smtpError(550, 'None of the recipients is a mailbox here.')
    const mailFrom = session.envelope.mailFrom
    // The MIME parser is loaded with the first mail, not at start-up.
    const { readEmail } = await import('./read-email.ts')
    const outcome = await readEmail(raw, channels, { from: mailFrom ? mailFrom.address : '', to: recipients }, receivedAt)
    if ('refusal' in outcome) {
      log.warn('email refused', { reason: outcome.refusal.reason, bytes: raw.length, session: session.id })
      throw smtpError(550, outcome.refusal.message)
    }
    try {
      await Promise.all(outcome.events.map((event) => submit(event)))
    } catch (error) {
      log.error('email not stored; the sender will retry', { error, session: session.id })
      throw smtpError(451, 'The message could not be stored just now; please try again later.')
    }
    log.debug('email accepted', { channels: channels.map((c) => c.id), events: outcome.events.map((e) => e.type) })
    return 'Message accepted'
  }

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    maxRecipients: options.maxRecipients,
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 5_000,
    banner: 'helpdesk inbound mail',
    onRcptTo(address, _session, callback) {
      findChannelByAddress(address.address).then(
        (channel) => callback(channel ? null : smtpError(550, `No mailbox here for <${address.address}>.`)),
        (error: unknown) => {
          log.error('email recipient lookup failed', { error })
          callback(smtpError(451, 'Recipient lookup failed; please try again later.'))
        },
      )
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      // Read to the end whatever the size (the protocol needs it), but keep no more than the limit.
      const chunks: Buffer[] = []
      let bytes = 0
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length
        if (bytes <= maxBytes) chunks.push(chunk)
      })
      stream.once('end', () => {
        if (stream.sizeExceeded || bytes > maxBytes) {
          log.warn('email refused: too large', { bytes, maxBytes, session: session.id })
          callback(smtpError(552, `The message is larger than the limit of ${maxBytes} bytes.`))
          return
        }
        deliver(Buffer.concat(chunks), session).then(
          (reply) => callback(null, reply),
          (error: unknown) => callback(asSmtpError(error, log)),
        )
      })
    },
  })
  // Connection-level trouble (a client hanging up mid-command) arrives here; it must not crash the process.
  server.on('error', (error) => log.warn('smtp connection error', { error: error.message }))

  return {
    start: () =>
      new Promise<number>((resolve, reject) => {
        const netServer = server.server
        netServer.once('error', reject)
        server.listen(options.port, options.host, () => {
          netServer.off('error', reject)
          resolve((netServer.address() as AddressInfo).port)
        })
      }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

function smtpError(responseCode: number, message: string): SMTPServerError {
  return Object.assign(new Error(message), { responseCode })
}

function asSmtpError(error: unknown, log: Logger): SMTPServerError {
  if (error instanceof Error && typeof (error as SMTPServerError).responseCode === 'number') return error
  log.error('email delivery failed', { error })
  return smtpError(451, 'Something went wrong on our side; please try again later.')
}
