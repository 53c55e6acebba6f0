// A helpdesk server with its SMTP listener on: a real server (see test-server.ts), a free loopback port for mail
// (SMTP_PORT=0 turns the listener off, so the port is found first), the admin signed in, and helpers
// to send mail to it as a mail server would.
import { createServer } from 'node:net'
import nodemailer, { type SendMailOptions } from 'nodemailer'
import type SMTPTransport from 'nodemailer/lib/smtp-transport'
import { ApiClient } from './api-client.ts'
import { startTestServer, type TestServer } from './test-server.ts'

export interface EmailSetup {
  server: TestServer
  api: ApiClient
  smtpPort: number
  /** Sends a raw message with the given envelope; resolves with nodemailer's answer, rejects with the SMTP error. */
  sendRaw(envelope: { from: string; to: string[] }, raw: string | Buffer): Promise<SMTPTransport.SentMessageInfo>
  /** Sends a message nodemailer composes (text, html, attachments, headers...). */
  send(mail: SendMailOptions): Promise<SMTPTransport.SentMessageInfo>
}

export async function startEmailServer(extraEnv: Record<string, string> = {}): Promise<EmailSetup> {
  for (let attempt = 1; ; attempt++) {
    const smtpPort = await freePort()
    // The server is listening for mail once it answers (it fails to start when the port was taken).
    const server = await startTestServer({ SMTP_PORT: String(smtpPort), ...extraEnv }).catch((error: Error) => {
      // Another process took the port between finding it and listening on it: try another.
      if (attempt < 3 && error.message.includes('cannot listen for mail')) return null
      throw error
    })
    if (!server) continue
    const api = await new ApiClient(server.url).login()
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true })
    return {
      server,
      api,
      smtpPort,
      sendRaw: (envelope, raw) => transport.sendMail({ envelope, raw }),
      send: (mail) => transport.sendMail(mail),
    }
  }
}

/** Creates an email channel (as the signed-in admin); returns its id. */
export async function createEmailChannel(
  api: ApiClient,
  config: Record<string, unknown>,
  name = 'Support mail',
): Promise<string> {
  const response = await api.post('/api/channels', { kind: 'email', name, config })
  if (response.status !== 201) throw new Error(`email channel not created: ${response.status} ${JSON.stringify(response.body)}`)
  return response.body.channel.id
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}
