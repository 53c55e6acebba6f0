// Runs before `npm start`: builds the agent app and the widget (npm run build) only when there is no build
// yet or what it is built from changed since, so a start after the first goes straight to the server.
// What it is built from is read byte for byte (a digest, not file times: a checkout that rewrites the same
// bytes builds nothing). The digest is kept inside dist/client, which every vite build empties: a build
// run by hand, or one that failed half-way, makes the next start build again.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'

/** Everything the built files depend on: the sources, the bundler's settings, the installed packages. */
export const buildInputs = [
  'client',
  'shared',
  'package.json',
  'package-lock.json',
  'tsconfig.base.json',
  'vite.config.ts',
  'vite.widget.config.ts',
  'scripts/precompress.ts',
  'server/http/built-file.ts',
]
/** The files a build leaves; without any of them the app is not built. */
export const buildOutputs = ['dist/client/index.html', 'dist/client/sw.js', 'dist/widget/widget.js']
export const stampFile = 'dist/client/.build-stamp'

/** One digest of every input file's path and bytes, in a stable order. */
export async function inputsDigest(root: string, inputs: string[] = buildInputs): Promise<string> {
  const files = (await Promise.all(inputs.map((input) => filesOf(join(root, input))))).flat().sort()
  const hash = createHash('sha256')
  for (const file of files) {
    const bytes = await readFile(file)
    hash.update(`${relative(root, file).replaceAll('\\', '/')}\0${bytes.length}\0`).update(bytes)
  }
  return hash.digest('hex')
}

async function filesOf(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true, recursive: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOTDIR') return null
    if (error.code === 'ENOENT') return []
    throw error
  })
  if (entries === null) return [path]
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}

/** Why a build is needed, or null when the one in dist/ is from these very inputs. */
export function buildReason(state: { outputsPresent: boolean; stamp: string | null; digest: string }): string | null {
  if (!state.outputsPresent) return 'the app is not built yet'
  if (state.stamp === null) return 'the app was built without a record of its sources'
  if (state.stamp.trim() !== state.digest) return 'its sources changed since the last build'
  return null
}

export async function checkBuild(root: string): Promise<{ reason: string | null; digest: string }> {
  const digest = await inputsDigest(root)
  const outputsPresent = buildOutputs.every((output) => existsSync(join(root, output)))
  const stamp = await readFile(join(root, stampFile), 'utf8').catch(() => null)
  return { reason: buildReason({ outputsPresent, stamp, digest }), digest }
}

if (process.argv[1] === import.meta.filename) {
  const root = resolve(import.meta.dirname, '..')
  const { reason, digest } = await checkBuild(root)
  if (reason) {
    process.stdout.write(`Building the app: ${reason}.\n`)
    // npm_execpath is the npm that runs this script; without it (run directly), the one on the PATH.
    const npm = process.env.npm_execpath
    const built = npm
      ? spawnSync(process.execPath, [npm, 'run', '--silent', 'build'], { cwd: root, stdio: 'inherit' })
      : spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
    if (built.status !== 0) process.exit(built.status ?? 1)
    // The digest of the inputs as they were before the build: a file changed during it builds again next time.
    await writeFile(join(root, stampFile), `${digest}\n`)
  }
}
