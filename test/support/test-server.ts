// Starts the real server (server/main.ts) as a child process on 127.0.0.1 with its own database copy.
// Tests talk HTTP to it, and may kill it hard and start it again on the same data.
import { type ChildProcess, spawn } from 'node:child_process'
import { inject } from 'vitest'
import { freshDatabaseEnv } from './test-database.ts'

export const adminEmail = 'admin@example.com'
export const adminPassword = 'admin-password-1'

export interface TestServer {
  url: string
  env: Record<string, string>
  output: () => string
  /** SIGKILL: no shutdown handler runs. */
  kill(): Promise<void>
  /** SIGTERM, waiting for a clean exit. */
  stop(): Promise<void>
  /** A new process on the same database and environment (after kill or stop). */
  restart(): Promise<TestServer>
}

export async function startTestServer(extraEnv: Record<string, string> = {}): Promise<TestServer> {
  const env = { ...(await freshDatabaseEnv(inject('databaseTemplate'))), ...extraEnv }
  return launch(env)
}

async function launch(env: Record<string, string>): Promise<TestServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD: adminPassword,
      SMTP_PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
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
  const server: TestServer = {
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
    restart: () => launch({ ...env, PUBLIC_URL: env.PUBLIC_URL ?? '' }),
  }
  return server
}

function waitForPort(child: ChildProcess, output: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`server did not start in 45 s:\n${output()}`)), 45_000)
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
