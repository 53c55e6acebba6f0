// The process: configuration from the environment, the wired server, listening, and a clean stop on
// SIGINT or SIGTERM. Everything else is in create-server.ts.
import { readConfig } from './config.ts'
import { createServer, type HelpdeskServer } from './create-server.ts'
import { isDriverWriteFault } from './db/database-unavailable.ts'
import { createLogger } from './log.ts'

const config = readConfig(process.env)
const log = createLogger(config.LOG_LEVEL)
let server: HelpdeskServer | null = null

// The database driver must not take the process down: a known fault of postgres-js thrown from a timer
// renews its connections; a promise rejected with nobody waiting is logged. Anything else thrown is a bug
// that may have left the process in an unknown state: it stops (and is restarted by its supervisor).
process.on('uncaughtException', (error) => {
  if (isDriverWriteFault(error)) {
    log.error('database driver fault; renewing its connections', { error })
    server?.database.renewConnections()
    return
  }
  log.error('uncaught exception; stopping', { error })
  process.exit(1)
})
process.on('unhandledRejection', (error) => log.error('unhandled rejection', { error }))

server = await createServer(config, { log })
const { firstAdmin } = server

try {
  const { url } = await server.listen()
  if (firstAdmin?.generatedPassword) {
    process.stdout.write(
      `\n  Helpdesk is ready at ${url}\n  Sign in as ${firstAdmin.email} with password ${firstAdmin.generatedPassword}\n  (shown only this once)\n\n`,
    )
  } else if (firstAdmin) {
    process.stdout.write(`\n  Helpdesk is ready at ${url}\n  Sign in as ${firstAdmin.email} with your ADMIN_PASSWORD\n\n`)
  } else {
    process.stdout.write(`Helpdesk is ready at ${url}\n`)
  }
} catch (error) {
  log.error((error as Error).message)
  process.exit(1)
}

let stopping = false
async function stop(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  log.info('shutting down', { signal })
  await server?.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))
