// Starts the real server (server/main.ts) as a child process on 127.0.0.1, PORT=0, on the database the
// caller prepared, and reads the port from its "helpdesk listening" log line (as test/support does).
import { type ChildProcess, spawn } from 'node:child_process'

export const benchAdmin = { email: 'bench-admin@example.com', password: 'bench-password-1' }

export interface BenchServer {
  url: string
  pid: number
  output(): string
  /** How the process ended, when it ended before stop() was asked. */
  exited(): string | null
  /** SIGTERM and wait for the clean exit (the ingest queue drains, the database closes). */
  stop(): Promise<void>
}

const keepOutput = 64 * 1024
/** The checkout this bench belongs to: its server is the one measured. */
const root = new URL('../..', import.meta.url).pathname

/** `nodeArgs` go after tsx, before the server's entry point (the collaboration bench loads its heap probe). */
export async function startBenchServer(env: Record<string, string>, nodeArgs: string[] = []): Promise<BenchServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs, 'server/main.ts'], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      ADMIN_EMAIL: benchAdmin.email,
      ADMIN_PASSWORD: benchAdmin.password,
      SMTP_PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-keepOutput)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  let exitedHow: string | null = null
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitedHow = `exited with ${signal ?? code}`
      resolve()
    }),
  )
  const port = await waitForPort(child, () => output)
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => output,
    exited: () => exitedHow,
    async stop() {
      if (exitedHow) return
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
      await exited
      clearTimeout(timer)
    },
  }
}

function waitForPort(child: ChildProcess, output: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server did not start in 120 s:\n${output()}`))
    }, 120_000)
    const check = () => {
      const match = output().match(/helpdesk listening .*"port":(\d+)/)
      if (!match) return
      clearTimeout(timer)
      child.stderr?.off('data', check)
      resolve(Number(match[1]))
    }
    child.stderr?.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before listening:\n${output()}`))
    })
  })
}
