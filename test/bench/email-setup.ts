// The server the email rows send to: the real server with its SMTP listener on a free loopback port
// (found first: SMTP_PORT=0 turns the listener off), email channels made through the API, and a pooled
// nodemailer transport as a relay would hold: several connections, many mails each.
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import nodemailer, { type Transporter } from 'nodemailer'
import { type BenchServer, startBenchServer } from './bench-server.ts'
import { createHttpClient, type HttpClient } from './http-client.ts'

export interface EmailServer {
  server: BenchServer
  api: HttpClient
  smtpPort: number
  createChannel(address: string, name: string): Promise<string>
  /** A pooled SMTP transport to the listener; close it when done. */
  transport(maxConnections: number): Transporter
  stop(): Promise<void>
}

export async function startEmailServer(env: Record<string, string>): Promise<EmailServer> {
  for (let attempt = 1; ; attempt++) {
    const smtpPort = await freePort()
    const server = await startBenchServer({ ...env, SMTP_PORT: String(smtpPort) })
    const listening = await smtpListening(server)
    if (listening !== 'yes') {
      await server.stop()
      // Another process took the port between finding it and listening on it: try another.
      if (listening === 'taken' && attempt < 3) continue
      throw new Error(`SMTP listener not up (${listening}):\n${server.output().slice(-4000)}`)
    }
    const api = createHttpClient(server.url, 4)
    const transports: Transporter[] = []
    try {
      await api.login()
    } catch (error) {
      await server.stop()
      throw error
    }
    return {
      server,
      api,
      smtpPort,
      async createChannel(address, name) {
        const created = await api.send('POST', '/api/channels', { kind: 'email', name, config: { address } })
        if (created.status !== 201) throw new Error(`channel: ${created.status} ${created.body}`)
        return (JSON.parse(created.body) as { channel: { id: string } }).channel.id
      },
      transport(maxConnections) {
        const transport = nodemailer.createTransport({
          host: '127.0.0.1',
          port: smtpPort,
          secure: false,
          ignoreTLS: true,
          pool: true,
          maxConnections,
          // A relay keeps its connections: no reconnect every 100 mails inside the measurement.
          maxMessages: Number.POSITIVE_INFINITY,
        })
        transports.push(transport)
        return transport
      },
      async stop() {
        for (const t of transports) t.close()
        api.close()
        await server.stop()
      },
    }
  }
}

/** Waits (10 s at most) for the "smtp listening" line, or for the listener's failure. */
async function smtpListening(server: BenchServer): Promise<'yes' | 'taken' | 'timeout' | 'exited'> {
  const deadline = performance.now() + 10_000
  while (performance.now() < deadline) {
    const output = server.output()
    if (/smtp listening .*"port":(\d+)/.test(output)) return 'yes'
    if (output.includes('cannot listen for mail')) return 'taken'
    if (server.exited()) return 'exited'
    await sleep(50)
  }
  return 'timeout'
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
