// Vitest global setup for browser tests: builds the agent app and the chat widget (npm run build) so the
// server under test serves what a user would get from npm start.
import { execFileSync } from 'node:child_process'

export default function setup() {
  try {
    execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'pipe', timeout: 600_000 })
  } catch (error) {
    const failed = error as { stdout?: Buffer; stderr?: Buffer }
    throw new Error(`npm run build failed:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`)
  }
}
