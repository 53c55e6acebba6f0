// The server the WhatsApp rows post to: the real server with a Meta app secret, WhatsApp channels made
// through the API as an admin would, and a keep-alive client without a session for Meta's POSTs.
import { type BenchServer, startBenchServer } from './bench-server.ts'
import { createHttpClient, type HttpClient } from './http-client.ts'
import type { Send } from './load.ts'
import { benchAppSecret, benchBusinessAccountId, type SignedDelivery } from './whatsapp-deliveries.ts'

export interface WhatsappServer {
  server: BenchServer
  /** Signed in as the bench admin. */
  api: HttpClient
  /** Meta's side: no cookie, one keep-alive socket per request in flight. */
  meta: HttpClient
  createChannel(phoneNumberId: string, name: string): Promise<string>
  /** Sends `deliveries[i]` to /webhooks/meta as Meta does; `onAnswer` hears each status. */
  sender(deliveries: readonly SignedDelivery[], onAnswer?: (i: number, status: number) => void): Send
  stop(): Promise<void>
}

export async function startWhatsappServer(env: Record<string, string>): Promise<WhatsappServer> {
  const server = await startBenchServer({
    ...env,
    META_APP_SECRET: benchAppSecret,
    META_VERIFY_TOKEN: 'bench-verify',
    // Inbound text needs no Graph API call; should one happen, it stays on this machine.
    META_GRAPH_URL: 'http://127.0.0.1:9',
  })
  const api = createHttpClient(server.url, 4)
  const meta = createHttpClient(server.url, 256)
  try {
    await api.login()
  } catch (error) {
    await server.stop()
    throw error
  }
  return {
    server,
    api,
    meta,
    async createChannel(phoneNumberId, name) {
      const created = await api.send('POST', '/api/channels', {
        kind: 'whatsapp',
        name,
        config: {
          phoneNumberId,
          businessAccountId: benchBusinessAccountId,
          accessToken: 'EAAW-bench',
          displayPhoneNumber: '+1 555 078 3881',
        },
      })
      if (created.status !== 201) throw new Error(`channel: ${created.status} ${created.body}`)
      return (JSON.parse(created.body) as { channel: { id: string } }).channel.id
    },
    sender: (deliveries, onAnswer) => async (i) => {
      const delivery = deliveries[i]!
      const answer = await meta.send('POST', '/webhooks/meta', delivery.body, delivery.headers)
      onAnswer?.(i, answer.status)
      return answer.status
    },
    async stop() {
      api.close()
      meta.close()
      await server.stop()
    },
  }
}
