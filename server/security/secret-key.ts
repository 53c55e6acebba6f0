// The server's SECRET_KEY: from the environment, else generated once into DATA_DIR (mode 0600).
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export function loadSecretKey(fromEnv: string | undefined, dataDir: string): string {
  if (fromEnv) return fromEnv
  const file = join(dataDir, 'secret.key')
  try {
    return readFileSync(file, 'utf8').trim()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  mkdirSync(dataDir, { recursive: true })
  const key = randomBytes(32).toString('hex')
  // 'wx' fails if another process wrote it first; then read theirs.
  try {
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' })
    return key
  } catch {
    return readFileSync(file, 'utf8').trim()
  }
}
