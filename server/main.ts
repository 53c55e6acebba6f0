// The process: configuration from the environment, the wired server, listening, and a clean stop on
// SIGINT or SIGTERM. Everything else is in create-server.ts.
import { readConfig } from './config.ts'
import { createServer } from './create-server.ts'

const config = readConfig(process.env)
const server = await createServer(config)
const { log, firstAdmin } = server

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
  await server.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))
