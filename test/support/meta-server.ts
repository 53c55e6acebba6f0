// A helpdesk server wired to a fake Graph API, with the Meta app secret set: what the social-channel
// tests start.
import { afterAll, beforeAll } from 'vitest'
import { type FakeGraphApi, startFakeGraphApi } from '../fakes/graph-api.ts'
import { ApiClient } from './api-client.ts'
import { startTestServer, type TestServer } from './test-server.ts'

export const appSecret = 'test_app_secret'
export const verifyToken = 'verify-me'

export interface MetaSetup {
  server: TestServer
  graph: FakeGraphApi
  api: ApiClient
}

export async function startMetaServer(env: Record<string, string> = {}): Promise<MetaSetup> {
  const graph = await startFakeGraphApi()
  const server = await startTestServer({
    META_APP_SECRET: appSecret,
    META_VERIFY_TOKEN: verifyToken,
    META_GRAPH_URL: graph.url,
    ...env,
  })
  const api = await new ApiClient(server.url).login()
  return { server, graph, api }
}

/** A Meta-wired server for the whole test file: started before its tests, stopped (with its Graph fake) after. */
export function useMetaServer(env: Record<string, string> = {}): MetaSetup {
  const setup = {} as MetaSetup
  beforeAll(async () => {
    Object.assign(setup, await startMetaServer(env))
  })
  afterAll(async () => {
    await setup.server?.stop()
    await setup.graph?.close()
  })
  return setup
}
