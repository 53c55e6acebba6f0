// A PostgreSQL cluster of one test's own, which the test may stop and start under a running server (the
// run's shared PostgreSQL serves every other test and must stay up). Made as .ci/postgres.sh makes one:
// initdb in a temporary directory, run as the postgres user when the tests run as root (PostgreSQL
// refuses root), listening on 127.0.0.1 only, on a free port.
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

export interface PrivatePostgres {
  /** A superuser URL of the cluster's `postgres` database. */
  url: string
  /** `immediate` is a crash as the server sees it (no goodbye to the clients); `fast` a clean shutdown. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>
  start(): Promise<void>
  /** Stops the cluster and removes its files. */
  destroy(): Promise<void>
}

const run = promisify(execFile)
const asRoot = process.getuid?.() === 0

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBin()
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-private-pg-'))
  if (asRoot) await run('chown', ['postgres', dir])
  const port = await freePort()
  const pgCtl = (...args: string[]) => shell([join(bin, 'pg_ctl'), '-D', dir, ...args])
  await shell([join(bin, 'initdb'), '-D', dir, '-E', 'UTF8', '--locale=C.UTF-8', '-A', 'trust', '-U', 'postgres'])
  const start = () =>
    pgCtl('-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start').then(() => {})
  const stop = (mode: 'fast' | 'immediate' = 'fast') => pgCtl('-m', mode, '-w', 'stop').then(() => {})
  await start()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    async destroy() {
      await stop('immediate').catch(() => {})
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Runs a command, as the postgres user when we are root. */
async function shell(argv: string[]): Promise<string> {
  const quoted = argv.map((arg) => `'${arg.replaceAll("'", `'\\''`)}'`).join(' ')
  const { stdout } = asRoot ? await run('su', ['postgres', '-s', '/bin/sh', '-c', quoted]) : await run('/bin/sh', ['-c', quoted])
  return stdout
}

/** The newest PostgreSQL's server binaries (Debian keeps them out of PATH). */
function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b))
  if (!versions.length) throw new Error('No PostgreSQL server binaries under /usr/lib/postgresql (set PG_BIN)')
  return join('/usr/lib/postgresql', versions.at(-1)!, 'bin')
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}
