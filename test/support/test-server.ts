// A real helpdesk for a test file, on 127.0.0.1 with its own database copy. By default it runs in the
// test's own process (createServer, then listen), which starts in about a second; with
// `{ process: true }` it is a child process running server/main.ts, for the tests that kill it hard
// (crash and durability) or run two servers on one database. Tests talk HTTP, sockets and SMTP to it.
import { type ChildProcess, spawn } from 'node:child_process'
import { afterAll, beforeAll, inject } from 'vitest'
import { readConfig } from '../../server/config.ts'
import { createServer } from '../../server/create-server.ts'
import type { Database } from '../../server/db/create-db.ts'
import { createLogger } from '../../server/log.ts'
import { ApiClient } from './api-client.ts'
import { freshDatabaseEnv } from './test-database.ts'

export const adminEmail = 'admin@example.com'
export const adminPassword = 'admin-password-1'

export interface TestServer {
  url: string
  env: Record<string, string>
  output: () => string
  /** The websocket paths the server routes (an in-process server only). */
  socketPaths?: readonly string[]
  /** In-process only: the server's own database handle, for tests that make the database fail. */
  database?: Database
  /** SIGKILL: no shutdown handler runs (a child process only). */
  kill(): Promise<void>
  /** A clean stop: queued work is done, the database closed. */
  stop(): Promise<void>
  /** A new server on the same database and environment (after kill or stop; a child process may run beside it). */
  restart(): Promise<TestServer>
}

export interface StartOptions {
  /** Run server/main.ts as a child process (to kill it, or to run two on one database). */
  process?: boolean
  /** With `process`: the script the child runs instead of server/main.ts (the bundled server). */
  script?: string
}

const defaults = {
  HOST: '127.0.0.1',
  PORT: '0',
  ADMIN_EMAIL: adminEmail,
  ADMIN_PASSWORD: adminPassword,
  SMTP_PORT: '0',
  LOG_LEVEL: 'info',
}

export async function startTestServer(extraEnv: Record<string, string> = {}, options: StartOptions = {}): Promise<TestServer> {
  const env = { ...(await freshDatabaseEnv(inject('databaseTemplate'))), ...extraEnv }
  return options.process ? launchProcess(env, options.script) : launchInProcess(env)
}

/** A server for the whole test file: started before its tests, stopped after, with `api` signed in as the admin. */
export function useTestServer(extraEnv: Record<string, string> = {}, options: StartOptions = {}) {
  const setup = {} as { server: TestServer; api: ApiClient }
  beforeAll(async () => {
    setup.server = await startTestServer(extraEnv, options)
    setup.api = await new ApiClient(setup.server.url).login()
  })
  afterAll(async () => {
    await setup.server?.stop()
  })
  return setup
}

async function launchInProcess(env: Record<string, string>): Promise<TestServer> {
  let output = ''
  const log = createLogger('info', (line) => {
    output += line
    if (process.env.SHOW_OUTPUT) process.stderr.write(line)
  })
  const helpdesk = await createServer(readConfig({ ...defaults, ...env }), { log })
  const { url } = await helpdesk.listen().catch(async (error: unknown) => {
    await helpdesk.close()
    throw error
  })
  return {
    url,
    env,
    output: () => output,
    socketPaths: helpdesk.socketPaths,
    database: helpdesk.database,
    kill: () => Promise.reject(new Error('An in-process server cannot be killed: start it with { process: true }.')),
    stop: () => helpdesk.close(),
    restart: () => launchInProcess({ ...env, PUBLIC_URL: env.PUBLIC_URL ?? '' }),
  }
}

async function launchProcess(env: Record<string, string>, script?: string): Promise<TestServer> {
  const child = spawn(process.execPath, script ? [script] : ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, ...defaults, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const port = await waitForPort(child, () => output)
  const url = `http://127.0.0.1:${port}`
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    url,
    env,
    output: () => output,
    async kill() {
      child.kill('SIGKILL')
      await exited
    },
    async stop() {
      child.kill('SIGTERM')
      await exited
    },
    restart: () => launchProcess({ ...env, PUBLIC_URL: env.PUBLIC_URL ?? '' }, script),
  }
}

function waitForPort(child: ChildProcess, output: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`server did not start in 120 s:\n${output()}`)), 120_000)
    const check = () => {
      const match = output().match(/helpdesk listening .*"port":(\d+)/)
      if (match) {
        clearTimeout(timer)
        child.stderr?.off('data', check)
        resolve(Number(match[1]))
      }
    }
    const fail = (error: Error) => {
      child.kill('SIGKILL')
      reject(error)
    }
    child.stderr?.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before listening:\n${output()}`))
    })
  })
}
